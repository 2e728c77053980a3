from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from ..blocks import BaseStreamBlock
from ..vocabulary import Scope
from .base import BasePage


class NewsIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")


class NewsPage(BasePage):
    """A news item or a press release (communiqué de presse)."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PRESS_RELEASE = "press_release", _("Press release")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"), default=timezone.localdate)
    country = models.CharField(_("country"), max_length=2, choices=Scope.choices, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    # A page link, not a foreign key to events: home knows nothing of workshops.
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
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("country")], heading=_("About")
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("related_event"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item or press release")
        verbose_name_plural = _("news and press releases")
        ordering = ["-date"]
