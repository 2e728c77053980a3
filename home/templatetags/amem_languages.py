"""Text written in another language than the page's says so, with its own lang and dir: a French
fallback inside an Arabic page is then laid out left to right (browsers, WeasyPrint) and read as
French by screen readers.

{% translated affiliation "position" %}: a translated field (modeltranslation) in the active
language, or its fallback marked with the fallback's language.
{% in_language text language %}: free text whose language is recorded (or "" if unknown: then
only its direction is left to the text itself, dir="auto"); {% in_language text language "p" %}
in a block of its own, for several lines of it (a paragraph of another direction is laid out as
a whole, not as a run inside the page's lines).
{{ name|script_marked }}: text whose language nobody recorded (a person's name, a title typed by
hand) written in the other script than the page's: marked with its script only, lang="und-Latn"
(undetermined language, Latin script) in an Arabic page, lang="und-Arab" in a French or English one.
"""

import re

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info

register = template.Library()

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _wrapped(text, language, element="span"):
    if not text:
        return ""
    if not language:
        attributes = mark_safe(' dir="auto"')
    elif language == (get_language() or settings.LANGUAGE_CODE)[:2]:
        if element == "span":
            return text
        attributes = ""
    else:
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        attributes = format_html(' lang="{}" dir="{}"', language, direction)
    return format_html("<{0}{1}>{2}</{0}>", element, attributes, text)


def written_language(instance, field):
    """The language of the value `instance.<field>` shows: the active one, or its fallback's."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    for language in (active, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if getattr(instance, f"{field}_{language}", None):
            return language
    return active


@register.simple_tag
def translated(instance, field):
    return _wrapped(getattr(instance, field), written_language(instance, field))


@register.simple_tag
def in_language(text, language, element="span"):
    return _wrapped(text, language, element)


@register.filter
def script_marked(text):
    text = str(text or "")
    arabic, latin = ARABIC_SCRIPT.search(text), LATIN_SCRIPT.search(text)
    if get_language_bidi() and latin and not arabic:
        return format_html('<span lang="und-Latn" dir="ltr">{}</span>', text)
    if not get_language_bidi() and arabic and not latin:
        return format_html('<span lang="und-Arab" dir="rtl">{}</span>', text)
    return text
