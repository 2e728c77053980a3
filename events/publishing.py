"""What the editor hears when publishing a workshop: its agenda's untranslated sessions.

Registered on import by events/wagtail_hooks.py.
"""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from .blocks import text_in, untranslated_sessions
from .dates import clock
from .models import EventPage


@hooks.register("after_publish_page")
def warn_of_untranslated_sessions(request, page):
    """Publishing a workshop whose agenda has sessions without an Arabic or English title goes
    ahead (the site shows them in French there), with a warning that lists them.

    A warning, not a validation error: Wagtail's forms only know errors, and an error would
    refuse the publication. A message after publishing rather than a hook before it: Wagtail
    shows it with "Page published", and only for a publication that happened.
    """
    page = page.specific
    if not isinstance(page, EventPage):
        return
    missing = untranslated_sessions(page.agenda)
    if not missing:
        return
    names = dict(settings.LANGUAGES)
    rows = (
        (
            date_format(date, "SHORT_DATE_FORMAT"),
            clock(session["start"]),
            text_in(session, "title")[0],
            ", ".join(str(names[code]) for code in languages),
        )
        for date, session, languages in missing
    )
    messages.warning(
        request,
        format_html(
            "{}<ul>{}</ul>",
            _(
                "Published. These sessions of the agenda have no title in some languages yet: "
                "the site shows them in French there."
            ),
            format_html_join("", "<li>{} {} · {} ({})</li>", rows),
        ),
    )
