from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    SiteFooter,
)

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


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)


@register(NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction", "body")


@register(PublicationIndexPage)
class PublicationIndexPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)


@register(PublicationPage)
class PublicationPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("authors", "summary", "body", "document")
