from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from documents.pdf import pdf_response
from home.blocks import DocumentLinkBlock
from home.models import BasePage, IndexPage
from home.vocabulary import Axis, Scope

from . import ical, listing
from .blocks import AgendaBlock
from .dates import When, joined

TIME_ZONES = [
    ("Africa/Tunis", "Tunis (Africa/Tunis)"),
    ("Africa/Casablanca", "Rabat, Casablanca (Africa/Casablanca)"),
    ("Africa/Nouakchott", "Nouakchott (Africa/Nouakchott)"),
    ("Africa/Tripoli", "Tripoli (Africa/Tripoli)"),
    ("Africa/Cairo", "Cairo (Africa/Cairo)"),
    ("Africa/Dakar", "Dakar (Africa/Dakar)"),
    ("Africa/Abidjan", "Abidjan (Africa/Abidjan)"),
    ("Europe/Paris", "Paris (Europe/Paris)"),
    ("Europe/Rome", "Rome (Europe/Rome)"),
    ("Europe/Brussels", "Brussels (Europe/Brussels)"),
    ("Europe/Madrid", "Madrid (Europe/Madrid)"),
    ("Europe/Zurich", "Geneva (Europe/Zurich)"),
    ("UTC", "UTC"),
]

# A route that ends in a file name ("agenda.pdf"). RoutablePageMixin.route() adds a trailing
# slash to every path, so the pattern accepts one; reverse_subpage() gives the name without it.
# Wagtail's own URL pattern refuses dots: site/urls.py lets these paths reach the page.
FILE_ROUTE = r"^{}\.{}/?$"


class EventIndexPage(RoutablePageMixin, IndexPage):
    """The workshops, upcoming or past, filtered and paginated; and their iCalendar feed."""

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("workshops index")

    def events(self):
        """The live, public workshops under this index."""
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing.listing(self.events(), request.GET, kinds=EventPage.Kind.choices))
        return context

    @re_path(FILE_ROUTE.format("calendar", "ics"), name="calendar")
    def calendar_feed(self, request):
        """Every live workshop, future and past; `?country=TN` keeps one country's."""
        events = self.events().order_by("start_date", "pk")
        country = listing.EventFilterForm(request.GET).valid_values().get("country")
        if country:
            events = events.filter(country=country)
        content = ical.calendar(
            events,
            name=f"AMEM · {self.title}",
            calendar_uid=f"events-{self.pk}-{country or 'all'}@amem",
            url_of=lambda page: page.get_full_url(request),
        ).to_ical()
        return ical.ics_response(content, f"amem-workshops-{country or 'all'}".lower())


class EventPageForm(WagtailAdminPageForm):
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class EventPage(RoutablePageMixin, BasePage):
    """A workshop, seminar or meeting, with its agenda and concept note.

    Dates and times are in the venue's time zone. Routes: the printable agenda and concept note
    (HTML and PDF, in the URL's language) and the workshop's .ics.
    """

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRIPARTITE_SEMINAR = "tripartite_seminar", _("Tripartite seminar")
        RESTITUTION_WORKSHOP = "restitution_workshop", _("Restitution workshop")
        SUBREGIONAL_WORKSHOP = "subregional_workshop", _("Sub-regional workshop")
        TECHNICAL_MEETING = "technical_meeting", _("Technical meeting")
        SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
        WEBINAR = "webinar", _("Webinar")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.WORKSHOP)
    # Dates and times are the venue's local ones, as the agenda prints them.
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone of the venue"), max_length=40, choices=TIME_ZONES, default="Africa/Tunis"
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Scope.choices,
        blank=True,
        help_text=_("The country the workshop concerns, or regional."),
    )
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices, blank=True)
    organisers = ParentalManyToManyField(
        "stakeholders.Organisation",
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_events",
    )
    partners = ParentalManyToManyField(
        "stakeholders.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="partnered_events",
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    interpretation = models.CharField(
        _("interpretation"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Simultaneous interpretation Arabic–French"),
    )
    summary = models.TextField(_("summary"), blank=True)
    concept_note = RichTextField(_("concept note"), blank=True)
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    related_documents = StreamField(
        [("document", DocumentLinkBlock())], verbose_name=_("related documents"), blank=True
    )
    outcomes = RichTextField(_("outcomes"), blank=True)

    base_form_class = EventPageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("axis")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("city"), FieldPanel("country")], heading=_("Where")
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("partners"),
                FieldPanel("working_languages"),
                FieldPanel("interpretation"),
            ],
            heading=_("Who and in which languages"),
        ),
        FieldPanel("summary"),
        FieldPanel("concept_note"),
        FieldPanel("agenda"),
        FieldPanel("related_documents"),
        FieldPanel("outcomes"),
    ]
    # The translated texts (summary, concept note, venue, city…) are indexed in every language
    # by BasePage.get_search_fields; these let a search be narrowed.
    search_fields = BasePage.search_fields + [
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("axis"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def starts_at(self):
        """The aware start, in the venue's zone (midnight when no time is set)."""
        return datetime.combine(self.start_date, self.start_time or time.min, self.zone)

    @property
    def ends_at(self):
        return datetime.combine(self.end_date, self.end_time or time.max, self.zone)

    @property
    def is_upcoming(self):
        return self.end_date >= timezone.localdate()

    @property
    def when(self):
        """The dates, times and zone as they read in the active language."""
        return When(self.start_date, self.end_date, self.start_time, self.end_time, self.time_zone)

    @property
    def place(self):
        """ "Tunis, Tunisia" in the active language; a regional workshop's city alone."""
        regional = self.country in ("", Scope.REGIONAL)
        return joined([self.city, "" if regional else self.get_country_display()])

    @property
    def address(self):
        """ "Laico Hotel, Tunis, Tunisia" in the active language."""
        return joined([self.venue, self.place])

    @property
    def working_languages_text(self):
        """ "French, Arabic": the working languages' names in the active language."""
        names = dict(settings.LANGUAGES)
        return joined(names.get(code, code) for code in self.working_languages or ())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisers"] = list(self.organisers.all())
        context["partners"] = list(self.partners.all())
        return context

    # The printable agenda and concept note, in the URL's language.

    @path("agenda/", name="agenda")
    def agenda_view(self, request):
        if not self.agenda:
            raise Http404
        return TemplateResponse(request, "events/event_agenda.html", self.get_context(request))

    @re_path(FILE_ROUTE.format("agenda", "pdf"), name="agenda_pdf")
    def agenda_pdf(self, request):
        if not self.agenda:
            raise Http404
        return self._pdf(request, "events/pdf/agenda.html", gettext("Agenda"), "agenda")

    @path("concept-note/", name="concept_note")
    def concept_note_view(self, request):
        if not self.concept_note:
            raise Http404
        return TemplateResponse(
            request, "events/event_concept_note.html", self.get_context(request)
        )

    @re_path(FILE_ROUTE.format("concept-note", "pdf"), name="concept_note_pdf")
    def concept_note_pdf(self, request):
        if not self.concept_note:
            raise Http404
        return self._pdf(
            request, "events/pdf/concept_note.html", gettext("Concept note"), "concept-note"
        )

    @re_path(FILE_ROUTE.format("calendar", "ics"), name="calendar")
    def calendar_file(self, request):
        content = ical.event_calendar(self, url=self.get_full_url(request))
        return ical.ics_response(content, ical.filename(self))

    def _pdf(self, request, template_name, heading, suffix):
        language = translation.get_language()
        stem = slugify(self.slug_fr or "") or f"workshop-{self.pk}"
        return pdf_response(
            template_name,
            {"page": self, "heading": heading},
            title=f"{heading} · {self.title}",
            language=language,
            filename=f"{stem}-{suffix}-{language}.pdf",
            request=request,
        )

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The workshop cannot end before it starts.")})
