"""Who may see which registration, and who may open the pages under the participants' listing.

Who runs a workshop is who may edit its page (events/access.py); so the registrations get a
permission policy of their own instead of Django's model permissions: the listing, exports and
every action show the registrations of the workshops the user runs, and any other registration is
a 404.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from stakeholders.admin_views.mixins import StaffPageMixin

from ...access import can_run, events_run_by, registrations_run_by
from ...models import Registration

RUN = {"view", "change"}  # what running a workshop allows on its registrations


class ParticipantPermissionPolicy(BasePermissionPolicy):
    """Viewing and managing a registration is running its workshop; nobody adds or deletes
    registrations through generic forms (the seat rules do)."""

    permission_cache_name = "_amem_participant_permissions"

    def get_all_permissions_for_user(self, user):
        return set(RUN) if events_run_by(user).exists() else set()

    def user_has_permission(self, user, action):
        return action in self.get_cached_permissions_for_user(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in RUN and can_run(user, instance.event)

    def instances_user_has_any_permission_for(self, user, actions):
        if not RUN & set(actions):
            return Registration.objects.none()
        return registrations_run_by(user)


register_permission_policy(Registration, ParticipantPermissionPolicy(Registration))


def visible_registration(request, pk):
    """The registration if the user runs its workshop; a 404 otherwise."""
    return get_object_or_404(
        registrations_run_by(request.user).select_related("event", "organisation"), pk=pk
    )


class ParticipantsPageMixin(StaffPageMixin):
    """A page under the participants' listing, for the staff who run a workshop."""

    index_url_name = "participants:index"
    index_label = gettext_lazy("Participants")

    def has_permission(self):
        return events_run_by(self.request.user).exists()
