import unicodedata

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.templatetags.amem_languages import in_language

from ..blocks import SessionBlock, text_in

register = template.Library()

SESSION_KINDS = dict(SessionBlock.Kind.CHOICES)
# After a text shown in another language than the page's, for want of a translation.
WRITTEN_IN = {"fr": _("(in French)"), "ar": _("(in Arabic)"), "en": _("(in English)")}


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


@register.simple_tag
def agenda_text(value, name, lines=False):
    """A day's, session's or speaker's text (`name`: "title", "room", "description", "role") in
    the active language; when missing there, its French (then English) text, marked with its
    language (lang, dir) and followed by a discreet "(in French)". `lines`: keeps line breaks.
    """
    text, language = text_in(value, name)
    if not text:
        return ""
    if lines:
        text = linebreaksbr(text)
    if language == (get_language() or "")[:2]:
        return conditional_escape(text)
    return format_html(
        '{} <span class="agenda-fallback">{}</span>',
        in_language(text, language),
        WRITTEN_IN[language],
    )
