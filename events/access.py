"""Who may run a workshop's registrations: the staff who may edit its page in Wagtail.

Wagtail's page permissions are the one place where an editor is given a part of the site, so
the participant list, exports, badges and check-in of a workshop follow them: an editor of the
Tunisian workshops section runs those workshops' registrations and no other.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import EventPage, Registration


def can_run(user, event):
    """Whether the user may see and manage the workshop's participants."""
    if not (user.is_authenticated and user.is_active):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", event)


def events_run_by(user):
    """The workshops whose registrations the user may run."""
    if not (user.is_authenticated and user.is_active):
        return EventPage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return EventPage.objects.filter(pk__in=pages.values("pk"))


def registrations_run_by(user):
    """The registrations of the workshops the user may run."""
    return Registration.objects.filter(event__in=events_run_by(user))
