from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from home.translation import PAGE_FIELDS

from .models import (
    Organisation,
    PartnersDirectoryPage,
    Protocol,
    ProtocolIndexPage,
    Recommendation,
    RecommendationTrackerPage,
    WorkingGroup,
)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym")


@register(Protocol)
class ProtocolTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "mandate")


@register(PartnersDirectoryPage)
class PartnersDirectoryPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)


@register(ProtocolIndexPage)
class ProtocolIndexPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text", "theme", "indicator", "baseline", "target", "means_of_verification")


@register(RecommendationTrackerPage)
class RecommendationTrackerPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)
