from contextlib import suppress

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import AxisBlock, BaseStreamBlock, CardBlock, CountryBlock
from .countries import Country


class ListingFields(models.Model):
    """How a page presents itself in lists and cards."""

    listing_title = models.CharField(
        _("listing title"), max_length=255, blank=True, help_text=_("Defaults to the title.")
    )
    listing_summary = models.TextField(_("listing summary"), blank=True)
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Listing"),
        )
    ]

    class Meta:
        abstract = True


class SocialFields(models.Model):
    """What a page shows when it is shared (Open Graph)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_text = models.CharField(_("social text"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")], heading=_("Social sharing")
        )
    ]

    class Meta:
        abstract = True


class BasePage(ListingFields, SocialFields, Page):
    """What every page of the site shares: listing and social fields, translation status."""

    promote_panels = Page.promote_panels + ListingFields.panels + SocialFields.panels

    class Meta:
        abstract = True

    def untranslated_fields(self, language=None):
        """Fields that have French content but none in `language` (shown in French instead)."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        if language == settings.LANGUAGE_CODE:
            return []
        names = ["title"]
        with suppress(NotRegistered):
            names += list(translator.get_options_for_model(type(self)).local_fields)
        return [
            name
            for name in dict.fromkeys(names)
            if _has_content(getattr(self, f"{name}_{settings.LANGUAGE_CODE}", None))
            and not _has_content(getattr(self, f"{name}_{language}", None))
        ]


def _has_content(value):
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return len(value) > 0


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


@register_setting(icon="site")
class SiteFooter(BaseSiteSetting):
    """The footer's words on the project's partners, editable by staff."""

    partners_title = models.CharField(_("partners title"), max_length=255, blank=True)
    partners_text = models.TextField(_("partners text"), blank=True)

    panels = [FieldPanel("partners_title"), FieldPanel("partners_text")]

    class Meta:
        verbose_name = _("site footer")
