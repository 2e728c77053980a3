"""A "Participants" button on a workshop's page, in the page explorer and the editor."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from ...access import can_run
from ...models import EventPage


def participants_button(page, user):
    if page.specific_class is not EventPage or not can_run(user, page):
        return None
    url = reverse("participants:index") + "?" + urlencode({"event": page.pk})
    return Button(_("Participants"), url=url, icon_name="group", priority=45)


@hooks.register("register_page_header_buttons")
def page_header_participants(page, user, view_name, next_url=None):
    button = participants_button(page, user)
    return [button] if button else []


@hooks.register("register_page_listing_more_buttons")
def page_listing_participants(page, user, next_url=None):
    button = participants_button(page, user)
    return [button] if button else []
