from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ContentPage, HomePage, SiteFooter

PAGE_FIELDS = ("listing_title", "listing_summary", "social_text")


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + (
        "hero_title",
        "hero_text",
        "context_title",
        "context_text",
        "axes",
        "beneficiaries",
        "countries",
    )


@register(ContentPage)
class ContentPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction", "body")


@register(SiteFooter)
class SiteFooterTranslation(TranslationOptions):
    fields = ("partners_title", "partners_text")
