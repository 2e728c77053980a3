from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from ..blocks import BaseStreamBlock
from ..vocabulary import Axis, Scope
from .base import BasePage


def this_year():
    return timezone.localdate().year


class PublicationIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("publications index")


class PublicationPage(BasePage):
    """A study, report, concept note…: one file per language (`document` is translated)."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        REPORT = "report", _("Report")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        LEGAL_ANALYSIS = "legal_analysis", _("Legal analysis")
        PRESENTATION = "presentation", _("Presentation")
        PRESS_KIT = "press_kit", _("Press kit")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STUDY)
    country = models.CharField(_("country"), max_length=2, choices=Scope.choices, blank=True)
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), default=this_year)
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("country"),
                FieldPanel("axis"),
                FieldPanel("year"),
                FieldPanel("authors"),
            ],
            heading=_("About"),
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        FieldPanel("related_event"),
    ]
    parent_page_types = ["home.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
