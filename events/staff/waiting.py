"""What waits for the staff who run workshops, for the admin home's “Waiting for you”
(home/waiting.py): registrations to approve; organisations participants typed in, for those who
may also add organisations to the registry. One query each, whatever their number."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.waiting import WaitingItem, first_and_count

from ..access import registrations_run_by
from ..models import Registration
from ..models.registration import PROPOSED_ORGANISATION

ADD_ORGANISATION = "stakeholders.add_organisation"


def item(label, registrations, filters, order):
    """Their item: the oldest one's page, the listing filtered as `filters` say."""
    first, count = first_and_count(registrations.order_by("created_at", "pk"), "pk")
    if not count:
        return []
    return [
        WaitingItem(
            label,
            count,
            reverse("participants:inspect", args=[first[0]]),
            reverse("participants:index") + "?" + urlencode(filters),
            order=order,
        )
    ]


def waiting_items(request):
    registrations = registrations_run_by(request.user)
    items = item(
        _("Registrations to approve"),
        registrations.filter(status=Registration.Status.PENDING),
        {"status": Registration.Status.PENDING},
        order=20,
    )
    if request.user.has_perm(ADD_ORGANISATION):
        items += item(
            _("Organisations proposed by participants, to add to the registry"),
            registrations.filter(PROPOSED_ORGANISATION),
            {"proposed": "true"},
            order=30,
        )
    return items
