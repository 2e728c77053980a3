from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks

from home.waiting import WAITING_ITEMS_HOOK

from . import publishing  # noqa: F401 - registers the warning on publishing a workshop
from .listing import upcoming, with_card_data
from .models import EventIndexPage, EventPage

# The staff's registration views register their own admin URLs, menu items and buttons.
from .staff import documents, participants, reports  # noqa: F401
from .staff.waiting import waiting_items

HOME_UPCOMING = 3


@hooks.register("amem_home_sections")
def upcoming_workshops(request, page) -> SafeString:
    """The next live workshops on the home page, or nothing when none is coming."""
    events = list(with_card_data(upcoming(EventPage.objects.live().public()))[:HOME_UPCOMING])
    if not events:
        return SafeString("")
    index = EventIndexPage.objects.live().public().first()
    return render_to_string(
        "events/includes/home_upcoming.html", {"events": events, "index": index}, request=request
    )


@hooks.register(WAITING_ITEMS_HOOK)
def waiting_for_staff(request):
    """Registrations to approve and organisations proposed by participants, on the admin home."""
    return waiting_items(request)
