import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .field_language import direction
from .waiting import WaitingForYouPanel


@hooks.register("insert_editor_js")
def field_language_js():
    """StreamField blocks and their rich text editors are drawn in the browser: this script gives
    their inputs the `lang` and `dir` the server gives the others (home/field_language.py)."""
    directions = {code: direction(code) for code in settings.MODELTRANSLATION_LANGUAGES}
    return format_html(
        '<script src="{}" data-directions="{}"></script>',
        static("home/admin/field_language.js"),
        json.dumps(directions),
    )


@hooks.register("construct_homepage_panels")
def waiting_for_you(request, panels):
    """What the apps say waits for this user (home/waiting.py), above Wagtail's own panels."""
    panels.append(WaitingForYouPanel(request))
