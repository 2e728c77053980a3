"""The registration box of a workshop's page: where registration stands, and the visitor's own."""

from django import template

from .. import registration as seats
from ..models import EventPage, Registration
from ..views.participant import venue_time

register = template.Library()


@register.inclusion_tag("events/registration/box.html", takes_context=True)
def registration_box(context, page):
    """Nothing for a workshop closed to registration, unless the visitor registered for it or
    the workshop lists its participants."""
    user = context["request"].user
    mine = Registration.objects.for_user(user).filter(event=page).order_by("-created_at").first()
    state = seats.window(page)
    shown = (
        mine is not None
        or page.registration_mode != EventPage.RegistrationMode.CLOSED
        or page.lists_participants
    )
    return {
        "shown": shown,
        "page": page,
        "event": page,
        "mine": mine,
        "state": state,
        "seats_left": seats.seats_left(page) if shown and state == seats.Window.OPEN else None,
        "opens": venue_time(page, page.registration_opens_at) if page.registration_opens_at else "",
        "closes": (
            venue_time(page, page.registration_closes_at) if page.registration_closes_at else ""
        ),
        "request": context["request"],
    }
