"""The participants of the workshops, in the Wagtail admin, for the staff who run them.

Who runs a workshop is who may edit its page (events/access.py); so the registrations get a
permission policy of their own instead of Django's model permissions: the listing, exports and
every action show the registrations of the workshops the user runs, and any other registration is
a 404. Wagtail's ModelViewSet gives the listing (search, filters, ordering, pagination, CSV/XLSX
export, made formula-safe by stakeholders/exports.py) and the inspect view; this package adds:

- approve and decline, one registration at a time, through events/registration.py (`decisions`);
- registering someone on their behalf, an account created if the email has none (`on_behalf`);
- inviting people of the registry in bulk, by organisation, country or constituency
  (`invitations`);
- emailing the participants the listing's filters select (`group_email`);
- the attendance page for people without a badge (events/staff/attendance.py);
- a "Participants" button on a workshop's page in the page explorer and editor (`page_buttons`).

The policy is in `permissions`, the listing in `listing`, a registration's page in `inspecting`,
the admin URLs in `viewset`. Importing this package registers them all with Wagtail, once
(events/wagtail_hooks.py). Import from here.

(The waiting list moves up whenever a workshop is published: events/apps.py.)
"""

from .decisions import ApproveBulkAction, RejectBulkAction
from .listing import ParticipantFilterSet, filtered_participants, listing_query
from .page_buttons import participants_button
from .permissions import ParticipantPermissionPolicy, ParticipantsPageMixin, visible_registration
from .viewset import ParticipantViewSet

__all__ = [
    "ApproveBulkAction",
    "ParticipantFilterSet",
    "ParticipantPermissionPolicy",
    "ParticipantViewSet",
    "ParticipantsPageMixin",
    "RejectBulkAction",
    "filtered_participants",
    "listing_query",
    "participants_button",
    "visible_registration",
]
