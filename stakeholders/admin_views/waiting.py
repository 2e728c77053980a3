"""What waits for staff in this app, for the admin home's “Waiting for you” (home/waiting.py):
progress updates to review, for those who may review them; imports left in preview, for those
who may import that kind. One query for the updates, one for the user's previews."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.waiting import WaitingItem, first_and_count

from .. import recommendations as rules
from ..models import ProgressUpdate
from .recommendations import admin_url
from .registry.importing import previews_waiting


def updates_to_review(request):
    if not rules.can_review(request.user):
        return []
    oldest_first = ProgressUpdate.objects.filter(rules.pending()).order_by("submitted_at", "pk")
    first, count = first_and_count(oldest_first, "recommendation_id")
    if not count:
        return []
    return [
        WaitingItem(
            _("Progress updates to review"),
            count,
            admin_url("inspect", first[0]) + "#review",
            reverse("recommendations:index") + "?" + urlencode({"is_waiting": "true"}),
            order=10,
        )
    ]


def imports_in_preview(request):
    previews = previews_waiting(request)
    if not previews:
        return []
    oldest = previews[0]
    return [
        WaitingItem(
            _("Imports left in preview"),
            len(previews),
            oldest.path + "?" + urlencode({"token": oldest.token}),
            order=40,
        )
    ]


def waiting_items(request):
    return [*updates_to_review(request), *imports_in_preview(request)]
