from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from home.blocks import DocumentLinkBlock
from home.models import BasePage
from home.vocabulary import Axis, Scope

from .blocks import AgendaBlock

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


class EventIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("workshops index")


class EventPageForm(WagtailAdminPageForm):
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class EventPage(BasePage):
    """A workshop, seminar or meeting, with its agenda and concept note.

    Dates and times are in the venue's time zone.
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

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The workshop cannot end before it starts.")})
