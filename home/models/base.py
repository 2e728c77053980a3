"""What every page of the site shares."""

from contextlib import suppress

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


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
