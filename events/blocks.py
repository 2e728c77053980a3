"""The structured agenda: days, each with its sessions; a panel lists its panellists.

One agenda for the three languages: dates, times, kinds and people's names are entered once;
only the texts (a day's or a session's title, its room and description, a speaker's role) are
typed in each language, in sub-blocks `<text>_fr`, `<text>_ar`, `<text>_en` (the admin gives
inputs named `…_ar` lang="ar" dir="rtl"). `text_in()` reads a text in the active language, or
in French (then English) when it is missing there.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup

from .dates import clock, local_iso

LANGUAGES = ("fr", "ar", "en")
# Where a text missing in the page's language is taken from: French, the agenda's own, first.
FALLBACKS = ("fr", "en", "ar")


def _in_each_language(block_class, **options):
    """The same text typed in French, Arabic and English: three optional blocks, in that order."""
    labels = (_("French"), _("Arabic"), _("English"))
    return [block_class(required=False, label=label, **options) for label in labels]


def _group(name, heading, **options):
    """The text `name`'s three blocks under one heading in the editor."""
    return BlockGroup([f"{name}_{code}" for code in LANGUAGES], heading=heading, **options)


def text_in(value, name, language=None):
    """(text, its language): `value[name_<language>]` (the active language's by default), or
    the first of French, English and Arabic that is filled in; ("", language) when none is."""
    wanted = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    for code in dict.fromkeys((wanted, *FALLBACKS)):
        text = value.get(f"{name}_{code}") or ""
        if text.strip():
            return text, code
    return "", wanted


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        required=False, label=_("Name"), help_text=_("As the person writes it, in every language.")
    )
    role_fr, role_ar, role_en = _in_each_language(blocks.CharBlock)

    class Meta:
        icon = "user"
        label = _("Speaker")
        form_layout = BlockGroup(
            ["name", _group("role", _("Role and organisation"), help_text=_("e.g. Director, ILO"))]
        )
        label_format = "{name}"

    def clean(self, value):
        if any(value.get(name) for name in ("name", "role_fr", "role_ar", "role_en")):
            return super().clean(value)
        # An optional speaker (a session's moderator) left blank is no speaker: without this,
        # every session would need a moderator.
        if getattr(self.meta, "required", True) is False:
            return value
        raise blocks.StructBlockValidationError(
            block_errors={"name": ValidationError(_("Give the speaker's name or role."))}
        )


class SessionBlock(blocks.StructBlock):
    class Kind:
        CHOICES = [
            ("opening", _("Opening")),
            ("plenary", _("Plenary")),
            ("panel", _("Panel")),
            ("working_group", _("Working group")),
            ("break", _("Break")),
            ("closing", _("Closing")),
        ]

    start = blocks.TimeBlock(label=_("Start"))
    end = blocks.TimeBlock(required=False, label=_("End"))
    kind = blocks.ChoiceBlock(choices=Kind.CHOICES, default="plenary", label=_("Kind"))
    title_fr, title_ar, title_en = _in_each_language(blocks.CharBlock)
    room_fr, room_ar, room_en = _in_each_language(blocks.CharBlock)
    moderator = SpeakerBlock(required=False, label=_("Moderator"))
    speakers = blocks.ListBlock(
        SpeakerBlock(), default=[], label=_("Speakers or panellists"), collapsed=True
    )
    description_fr, description_ar, description_en = _in_each_language(blocks.TextBlock)

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/session_block.html"
        form_layout = BlockGroup(
            [
                "start",
                "end",
                "kind",
                _group("title", _("Title")),
                _group("room", _("Room")),
                "moderator",
                "speakers",
                _group("description", _("Description"), classname="collapsed"),
            ]
        )
        label_format = "{start} {title_fr}"

    def clean(self, value):
        value = super().clean(value)
        if not text_in(value, "title")[0]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "title_fr": ValidationError(
                        _("Give the session a title in one language at least.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        """Adds the session's times as <time datetime> values, on its day, in the venue's zone.

        The day's template passes `day`; the event page is `page` in the parent context.
        """
        context = super().get_context(value, parent_context)
        context.update(session_times(value, (parent_context or {}).get("day"), context))
        return context


class AgendaDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title_fr, title_ar, title_en = _in_each_language(blocks.CharBlock, help_text=_("e.g. Day 1"))
    sessions = blocks.ListBlock(SessionBlock(), label=_("Sessions"))

    class Meta:
        icon = "date"
        label = _("Day")
        template = "events/blocks/agenda_day_block.html"
        description = _("One day of the agenda with its sessions, in order.")
        form_layout = BlockGroup(["date", _group("title", _("Title")), "sessions"])


def session_times(session, day, context):
    """{"start": "09:00", "start_iso": "2025-03-12T09:00+01:00", "end": …} for one session."""
    page = context.get("page")
    tzid = getattr(page, "time_zone", None)
    times = {"kind_label": dict(SessionBlock.Kind.CHOICES).get(session["kind"], "")}
    for name in ("start", "end"):
        value = session.get(name)
        times[name] = clock(value) if value else ""
        if not value:
            times[f"{name}_iso"] = ""
        elif day and tzid:
            times[f"{name}_iso"] = local_iso(day, value, tzid)
        else:
            times[f"{name}_iso"] = clock(value)
    return times


class AgendaBlock(blocks.StreamBlock):
    day = AgendaDayBlock()


def untranslated_sessions(agenda, languages=("ar", "en")):
    """[(date, session, [the languages among `languages` it has no title in])] for the agenda's
    sessions that lack a title in one of them: the site shows them in French there."""
    missing = []
    for day in agenda:
        for session in day.value["sessions"]:
            lacking = [
                code for code in languages if not (session.get(f"title_{code}") or "").strip()
            ]
            if lacking:
                missing.append((day.value["date"], session, lacking))
    return missing


def agenda_texts(agenda):
    """Every text of the agenda as the page shows it: in the active language, or its fallback."""
    for day in agenda:
        yield text_in(day.value, "title")[0]
        for session in day.value["sessions"]:
            people = [session["moderator"], *session["speakers"]]
            yield from (text_in(session, name)[0] for name in ("title", "room", "description"))
            yield from (person["name"] for person in people)
            yield from (text_in(person, "role")[0] for person in people)
