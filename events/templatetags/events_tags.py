import unicodedata

from django import template

from ..blocks import SessionBlock

register = template.Library()

SESSION_KINDS = dict(SessionBlock.Kind.CHOICES)


@register.filter
def session_kind(kind):
    """ "panel" -> "Panel", in the active language."""
    return SESSION_KINDS.get(kind, "")


@register.filter
def direction(text):
    """ "ltr" or "rtl" after the first strong character, as dir="auto" would decide.

    For WeasyPrint, which ignores dir="auto": a Latin name in an Arabic agenda keeps its order.
    """
    for character in str(text or ""):
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "auto"
