from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from home.translation import PAGE_FIELDS

from .models import (
    Affiliation,
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
    # An acronym belongs to its language: with none in Arabic, Arabic pages give the name, not
    # the French acronym ("OIT") that the fallback would show. ("" is then a value of its own.)
    fallback_undefined = {"acronym": None}


@register(Affiliation)
class AffiliationTranslation(TranslationOptions):
    fields = ("position",)


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
