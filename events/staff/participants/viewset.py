"""The participants' viewset: the listing, a registration's page and the pages of our own."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from ...models import Registration
from ..attendance import AttendanceView
from .decisions import ApproveView, ConfirmConstituencyView, RejectView
from .group_email import GroupEmailView
from .inspecting import ParticipantInspectView, ParticipantURLFinder
from .invitations import InviteView
from .listing import EXPORT_COLUMNS, SEARCH_FIELDS, ParticipantFilterSet, ParticipantIndexView
from .on_behalf import OnBehalfView


class ParticipantViewSet(ModelViewSet):
    model = Registration
    name = "participants"
    url_prefix = "participants"
    icon = "group"
    menu_label = gettext_lazy("Participants")
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = ParticipantIndexView
    index_template_name = "events/staff/participants/index.html"
    index_results_template_name = "events/staff/participants/index_results.html"
    inspect_view_enabled = True
    inspect_view_class = ParticipantInspectView
    url_finder_class = ParticipantURLFinder
    # Not in the reference index: an organisation's or a person's "usage" would list the
    # registrations to registry staff who do not run those workshops, and every save would pay.
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = ParticipantFilterSet
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_export = EXPORT_COLUMNS
    export_filename = "participants"
    inspect_view_fields = [
        "event",
        "status",
        "email",
        *Registration.DECLARED_FIELDS,
        "constituency_confirmed",
        "wants_invitation_letter",
        "consents_to_listing",
        "consents_to_photos",
        "registered_by",
        "created_at",
        "status_changed_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Registrations are made and changed by the seat rules only: no generic form.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_permissions_to_register(self):
        # Page permissions decide; the model's own would mean nothing in the groups' form.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("approve/<int:pk>/", ApproveView.as_view(), name="approve"),
            path("decline/<int:pk>/", RejectView.as_view(), name="reject"),
            path(
                "constituency/<int:pk>/",
                ConfirmConstituencyView.as_view(),
                name="confirm_constituency",
            ),
            path("register/", OnBehalfView.as_view(), name="register"),
            path("invite/", InviteView.as_view(), name="invite"),
            path("email/", GroupEmailView.as_view(), name="email"),
            path(
                "attendance/",
                AttendanceView.as_view(index_url_name="participants:index"),
                name="attendance",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_participants():
    return ParticipantViewSet()
