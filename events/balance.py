"""The balance of workshops: who was registered and who came, by constituency, gender and country.

The words, as the report prints them:

- **registered**: a registration that holds a seat (confirmed), or that was checked in at least
  once whatever its status since (someone who came and cancelled afterwards still came). Pending,
  waiting, declined and cancelled-before-coming registrations never held a seat: they are not
  counted. So every attendee is also registered, and `attended <= registered` in every cell;
- **attended**: a registered person checked in on at least one day of the workshop;
- **share of women**: women out of everyone counted (people of another gender or who prefer not
  to say stay in the denominator);
- **tripartite balance**: the shares of government, employers and workers among the three
  tripartite constituencies only; civil society, international organisations and others are shown
  apart, with their share of everyone.

Anonymised registrations (events/privacy.py) keep their constituency, gender, country, status and
attendances, so the figures of a workshop do not change when its participants' names are erased.

Costs: one aggregate query for the constituency × gender × country figures of any number of
workshops, and one for the lines of a page of workshops.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from babel.numbers import format_percent
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext

from home.vocabulary import country_name, strxfrm_key
from stakeholders.models import Constituency

from .models import Attendance, Registration

Gender = Registration.Gender
GENDERS = list(Gender)
TRIPARTITE = (Constituency.GOVERNMENT, Constituency.EMPLOYERS, Constituency.WORKERS)
OTHERS = tuple(c for c in Constituency if c not in TRIPARTITE)
MEASURES = ("registered", "attended")


def _counted(registrations):
    """The registrations the report counts, each marked with whether the person came."""
    came = Exists(Attendance.objects.filter(registration=OuterRef("pk")))
    return registrations.annotate(came=came).filter(
        Q(status=Registration.Status.CONFIRMED) | Q(came=True)
    )


def _figures():
    return {
        "registered": Count("pk"),
        "attended": Count("pk", filter=Q(came=True)),
    }


def percent(share):
    """A share as the active language writes it ("42 %" in French); a dash when undefined."""
    if share is None:
        return "—"
    return format_percent(share, locale=translation.get_language() or "fr")


def _share(part, whole):
    return part / whole if whole else None


@dataclass
class Line:
    """One line of the report's tables: the counts by gender, registered and attended."""

    key: str
    label: str
    registered: dict = field(default_factory=lambda: defaultdict(int))
    attended: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, gender, registered, attended):
        self.registered[gender] += registered
        self.attended[gender] += attended

    def by_gender(self, measure):
        """The counts of women, men and other, in that order."""
        counts = getattr(self, measure)
        return [counts[gender] for gender in GENDERS]

    def total(self, measure):
        return sum(getattr(self, measure).values())

    def women_share(self, measure):
        return _share(getattr(self, measure)[Gender.WOMAN], self.total(measure))

    # What a template reads.
    @property
    def registered_by_gender(self):
        return self.by_gender("registered")

    @property
    def attended_by_gender(self):
        return self.by_gender("attended")

    @property
    def registered_total(self):
        return self.total("registered")

    @property
    def attended_total(self):
        return self.total("attended")

    @property
    def women_registered(self):
        return percent(self.women_share("registered"))

    @property
    def women_attended(self):
        return percent(self.women_share("attended"))


@dataclass
class Share:
    constituency: str
    label: str
    registered: int
    attended: int
    registered_share: str
    attended_share: str


class Balance:
    """The figures of a set of registrations, from one aggregate query."""

    def __init__(self, registrations):
        rows = (
            _counted(registrations)
            .values("constituency", "gender", "country")
            .order_by()
            .annotate(**_figures())
        )
        self.cells = [
            (row["constituency"], row["gender"], row["country"], row["registered"], row["attended"])
            for row in rows
        ]

    def _lines(self, position, keys_and_labels):
        lines = {key: Line(key, label) for key, label in keys_and_labels}
        for cell in self.cells:
            key = cell[position]
            if key not in lines:
                lines[key] = Line(key, key)
            lines[key].add(cell[1], cell[3], cell[4])
        return list(lines.values())

    def by_constituency(self):
        """A line for each constituency, the tripartite three first, even when empty."""
        return self._lines(0, Constituency.choices)

    def by_country(self):
        """A line for each participants' country present, by its name in the active language."""
        countries = sorted(
            {cell[2] for cell in self.cells}, key=lambda code: strxfrm_key(country_name(code, code))
        )
        return self._lines(2, [(code, country_name(code, code)) for code in countries])

    @property
    def total(self):
        line = Line("", "")
        for _constituency, gender, _country, registered, attended in self.cells:
            line.add(gender, registered, attended)
        return line

    def _constituency_counts(self, measure):
        index = 3 if measure == "registered" else 4
        counts = defaultdict(int)
        for cell in self.cells:
            counts[cell[0]] += cell[index]
        return counts

    def tripartite_share(self, constituency, measure):
        """The constituency's share of the tripartite three (government, employers, workers)."""
        counts = self._constituency_counts(measure)
        return _share(counts[constituency], sum(counts[c] for c in TRIPARTITE))

    def share_of_all(self, constituency, measure):
        counts = self._constituency_counts(measure)
        return _share(counts[constituency], sum(counts.values()))

    def _shares(self, constituencies, share):
        registered = self._constituency_counts("registered")
        attended = self._constituency_counts("attended")
        return [
            Share(
                constituency,
                Constituency(constituency).label,
                registered[constituency],
                attended[constituency],
                percent(share(constituency, "registered")),
                percent(share(constituency, "attended")),
            )
            for constituency in constituencies
        ]

    @property
    def tripartite(self):
        """Government, employers and workers, each with its share of the three."""
        return self._shares(TRIPARTITE, self.tripartite_share)

    @property
    def others(self):
        """Civil society, international and other, each with its share of everyone."""
        return self._shares(OTHERS, self.share_of_all)

    def export_rows(self):
        """One row per country × constituency × gender present: the table behind the report."""
        labels = dict(Constituency.choices)
        genders = dict(Gender.choices)
        return [
            {
                "country": country,
                "country_name": country_name(country, country),
                "constituency": str(labels.get(constituency, constituency)),
                "gender": str(genders.get(gender, gender)),
                "registered": registered,
                "attended": attended,
            }
            for constituency, gender, country, registered, attended in sorted(
                self.cells, key=lambda cell: (cell[2], _order(cell[0]), _gender_order(cell[1]))
            )
        ]


def _order(constituency):
    values = list(Constituency.values)
    return values.index(constituency) if constituency in values else len(values)


def _gender_order(gender):
    values = list(Gender.values)
    return values.index(gender) if gender in values else len(values)


@dataclass
class WorkshopLine:
    """A workshop's line in the report across workshops."""

    event: object
    registered: int = 0
    attended: int = 0
    women_attended: int = 0
    tripartite_attended: dict = field(default_factory=dict)

    @property
    def women_share(self):
        return percent(_share(self.women_attended, self.attended))

    @property
    def tripartite_shares(self):
        whole = sum(self.tripartite_attended.get(c, 0) for c in TRIPARTITE)
        return [percent(_share(self.tripartite_attended.get(c, 0), whole)) for c in TRIPARTITE]


def workshop_lines(events):
    """A line per workshop of `events` (a page of them, a list), from one aggregate query."""
    events = list(events)
    came = Q(came=True)
    rows = (
        _counted(Registration.objects.filter(event__in=[event.pk for event in events]))
        .values("event")
        .order_by()
        .annotate(
            **_figures(),
            women_attended=Count("pk", filter=came & Q(gender=Gender.WOMAN)),
            **{
                str(constituency): Count("pk", filter=came & Q(constituency=constituency))
                for constituency in TRIPARTITE
            },
        )
    )
    by_event = {row["event"]: row for row in rows}
    lines = []
    for event in events:
        row = by_event.get(event.pk, {})
        lines.append(
            WorkshopLine(
                event,
                registered=row.get("registered", 0),
                attended=row.get("attended", 0),
                women_attended=row.get("women_attended", 0),
                tripartite_attended={c: row.get(str(c), 0) for c in TRIPARTITE},
            )
        )
    return lines


# The chart: bars per constituency (registered, attended), each split by gender. The geometry is
# computed here and drawn by events/templates/events/reports/chart.html as inline SVG; in a
# right-to-left language every x is mirrored, so the bars grow from the right like the text.

CHART_WIDTH = 640
LABEL_WIDTH = 150  # the bars' labels ("Registered", "Attended")
COUNT_WIDTH = 50  # the total after each bar
BAR_AREA = CHART_WIDTH - LABEL_WIDTH - COUNT_WIDTH
LEGEND_HEIGHT = 34
HEADING_HEIGHT = 20
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 12
SWATCH = 12
# Paul Tol's colour-blind safe set, each at least 3:1 against white (WCAG 1.4.11).
COLOURS = {Gender.WOMAN: "#aa3377", Gender.MAN: "#4477aa", Gender.OTHER: "#666666"}


@dataclass
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass
class Key:
    """An entry of the legend: a colour swatch and its gender."""

    swatch_x: float
    text_x: float
    colour: str
    label: str


@dataclass
class Bar:
    y: float
    label: str
    label_x: float
    total: int
    total_x: float
    segments: list


@dataclass
class Group:
    heading: str
    heading_x: float
    heading_y: float
    bars: list


@dataclass
class Chart:
    direction: str
    width: int
    height: float
    legend: list
    groups: list


def chart(balance, rtl=False):
    """The geometry of the bar chart of `balance`, left to right or mirrored for `rtl`."""

    def at(x, width=0):
        return round(CHART_WIDTH - x - width if rtl else x, 2)

    lines = balance.by_constituency()
    longest = max((max(line.registered_total, line.attended_total) for line in lines), default=0)
    scale = BAR_AREA / max(longest, 1)
    labels = {"registered": gettext("Registered"), "attended": gettext("Attended")}
    legend = []
    x = 0
    for gender in GENDERS:
        label = str(gender.label)
        legend.append(Key(at(x, SWATCH), at(x + SWATCH + 6), COLOURS[gender], label))
        # Room for the label at about 7 px a character, then a gap before the next key.
        x += SWATCH + 6 + 7 * len(label) + 20
    groups, y = [], LEGEND_HEIGHT
    for line in lines:
        group = Group(str(line.label), at(0), y + 14, [])
        y += HEADING_HEIGHT
        for measure, measure_label in labels.items():
            x, segments = LABEL_WIDTH, []
            for gender, count in zip(GENDERS, line.by_gender(measure), strict=True):
                if count:
                    width = count * scale
                    title = f"{line.label} · {measure_label} · {gender.label}: {count}"
                    segments.append(Segment(at(x, width), round(width, 2), COLOURS[gender], title))
                    x += width
            group.bars.append(
                Bar(y, measure_label, at(LABEL_WIDTH - 8), line.total(measure), at(x + 6), segments)
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append(group)
        y += GROUP_GAP
    return Chart("rtl" if rtl else "ltr", CHART_WIDTH, y, legend, groups)
