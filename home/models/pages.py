from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import AxisBlock, BaseStreamBlock, CardBlock, CountryBlock
from ..vocabulary import Country
from .base import BasePage, with_card_data
from .news import NewsIndexPage, published_news
from .publications import PublicationIndexPage, document_fields, published_publications

HOME_LATEST = 3


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=255)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    context_title = models.CharField(_("context title"), max_length=255, blank=True)
    context_text = RichTextField(_("context"), blank=True, features=["bold", "italic", "link"])
    axes = StreamField([("axis", AxisBlock())], verbose_name=_("axes"), blank=True)
    beneficiaries = StreamField(
        [("beneficiary", CardBlock())], verbose_name=_("beneficiaries"), blank=True
    )
    countries = StreamField([("country", CountryBlock())], verbose_name=_("countries"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("context_title"),
        FieldPanel("context_text"),
        FieldPanel("axes"),
        FieldPanel("beneficiaries"),
        FieldPanel("countries"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The latest news and press releases and the latest publications, with their indexes."""
        context = super().get_context(request, *args, **kwargs)
        news = with_card_data(published_news().descendant_of(self))
        publications = with_card_data(published_publications().descendant_of(self))
        context.update(
            latest_news=list(news[:HOME_LATEST]),
            news_index=NewsIndexPage.objects.live().descendant_of(self).first(),
            latest_publications=list(publications.select_related(*document_fields())[:HOME_LATEST]),
            publication_index=PublicationIndexPage.objects.live().descendant_of(self).first(),
        )
        return context


class ContentPage(BasePage):
    """A page of prose: the project, its objectives, partners, beneficiaries, a country."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_("Set on a country's own page; the header links the country to it."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("country"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
