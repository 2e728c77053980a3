from datetime import datetime, time, timedelta
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
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from documents.generation import depends_on
from documents.pdf import stored_pdf_response
from home.blocks import DocumentLinkBlock
from home.models import BasePage, IndexPage
from home.page_forms import BasePageForm
from home.vocabulary import Axis, Scope, country_name
from stakeholders.models import Constituency

from .. import ical, listing
from ..blocks import AgendaBlock, agenda_texts
from ..dates import When, joined

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
    # The query parameters each view reads (amem.page_cache keys and strips by them).
    cache_parameters = {
        "index_route": ("when", "country", "kind", "year", "axis", "page"),
        "calendar": ("country",),
    }

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


class EventPageForm(BasePageForm):
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
    # One agenda for the three languages (not translated): its times, rooms and people entered
    # once, its texts in each language inside the blocks (events/blocks.py).
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    related_documents = StreamField(
        [("document", DocumentLinkBlock())], verbose_name=_("related documents"), blank=True
    )
    outcomes = RichTextField(_("outcomes"), blank=True)

    # Registration settings; the seat rules that read them live in events/registration.py.
    class RegistrationMode(models.TextChoices):
        CLOSED = "closed", _("Closed")
        OPEN = "open", _("Open to all")
        APPROVAL = "approval", _("Open, each registration approved by staff")
        INVITATION = "invitation", _("By personal invitation only")

    registration_mode = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.CLOSED,
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: open until the workshop starts."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats available. Empty: no limit.")
    )
    waitlist_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the workshop is full, further registrations wait for a seat."),
    )
    invitation_letters_enabled = models.BooleanField(
        _("visa invitation letters"),
        default=False,
        help_text=_("Participants may ask for an invitation letter for their visa."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before"),
        default=3,
        help_text=_("Confirmed participants get a reminder this many days before. 0: none."),
    )
    lists_participants = models.BooleanField(
        _("public list of participants"),
        default=False,
        help_text=_("Lists the confirmed participants who agreed to be listed."),
    )
    # Who signs the workshop's certificates and visa letters (participant_documents.signature);
    # with none of these filled, the documents carry the project's name and no empty box.
    signatory_name = models.CharField(_("signatory's name"), max_length=255, blank=True)
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Coordinator of the AMEM project, ILO"),
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A scan of the signature (and stamp), ideally a PNG with a transparent background."
        ),
    )

    # The query parameters each view reads (amem.page_cache keys and strips by them).
    cache_parameters = {"participants": ("page",), "register": ("invitation",)}

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
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
                FieldPanel("invitation_letters_enabled"),
                FieldPanel("reminder_days_before"),
                FieldPanel("lists_participants"),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("registration_quotas", heading=_("Quotas"), label=_("quota")),
        InlinePanel("registration_questions", heading=_("Questions"), label=_("question")),
    ]
    certificate_panels = [
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature_image"),
            ],
            heading=_("Signature"),
            help_text=_(
                "Printed at the foot of every attendance certificate and visa invitation letter "
                "of this workshop."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(certificate_panels, heading=_("Certificates")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    # The translated texts (summary, concept note, venue, city…) are indexed in every language
    # by BasePage.get_search_fields; these let a search be narrowed.
    search_fields = BasePage.search_fields + [
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("axis"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.SearchField("agenda"),  # its texts in every language
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

    def search_text(self):
        """The translated fields' words, and the agenda's texts as the page shows them."""
        return " ".join([super().search_text(), *agenda_texts(self.agenda)])

    def serve(self, request, *args, **kwargs):
        # The seats left and the participants listed change with every registration: the page
        # cache keeps this page with the workshop's own version (amem/page_cache.py).
        depends_on(request, "workshop", self.pk)
        return super().serve(request, *args, **kwargs)

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

    # Registration: the form (events/views/participant.py) and the public list of participants
    # who agreed to be listed (events/views/privacy.py).

    @path("register/", name="register")
    def register_view(self, request):
        from ..views.participant import register  # the views import these models

        return register(request, self)

    @path("participants/", name="participants")
    def participants_view(self, request):
        from ..views.privacy import public_participants

        return public_participants(request, self)

    def _pdf(self, request, template_name, heading, suffix):
        language = translation.get_language()
        stem = slugify(self.slug_fr or "") or f"workshop-{self.pk}"
        # All it shows is in the live revision: laid out again once another is published.
        return stored_pdf_response(
            ("workshop", suffix, self.pk, self.live_revision_id, self.last_published_at),
            template_name,
            lambda: {"page": self, "heading": heading},
            title=f"{heading} · {self.title}",
            language=language,
            filename=f"{stem}-{suffix}-{language}.pdf",
            request=request,
        )

    @property
    def days(self):
        """The workshop's dates, first to last, for attendance."""
        return [
            self.start_date + timedelta(days=n)
            for n in range((self.end_date - self.start_date).days + 1)
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The workshop cannot end before it starts.")})
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes_at": _("Registration cannot close before it opens.")}
            )


class RegistrationQuota(Orderable):
    """At most `seats` confirmed participants of one constituency, or of one country."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="registration_quotas")
    constituency = models.CharField(
        _("constituency"), max_length=20, choices=Constituency.choices, blank=True
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter ISO code of the participants' country, e.g. TN."),
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta(Orderable.Meta):
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self):
        return f"{self.get_constituency_display() or country_name(self.country)}: {self.seats}"

    def clean(self):
        self.country = self.country.upper()
        if bool(self.constituency) == bool(self.country):
            raise ValidationError(_("A quota is for one constituency or for one country."))
        if self.country and not country_name(self.country, default=None):
            raise ValidationError({"country": _("Enter a two-letter ISO country code.")})

    def applies_to(self, constituency, country):
        return self.constituency == constituency if self.constituency else self.country == country


class RegistrationQuestion(Orderable):
    """A workshop's own question on its registration form; answers are stored by question id."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One choice in a list")
        YES_NO = "yes_no", _("Yes or no")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="registration_questions")
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line, in the same order in every language.")
    )
    required = models.BooleanField(_("required"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        """The choices in the active language; an answer stores the choice's position."""
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})
