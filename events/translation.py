from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from home.translation import PAGE_FIELDS

from .models import EventIndexPage, EventPage, RegistrationQuestion


@register(EventIndexPage)
class EventIndexPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + ("introduction",)


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = PAGE_FIELDS + (
        "venue",
        "city",
        "interpretation",
        "summary",
        "concept_note",
        "related_documents",
        "outcomes",
        "signatory_title",
    )


@register(RegistrationQuestion)
class RegistrationQuestionTranslation(TranslationOptions):
    fields = ("label", "choices")
