"""The participant's pages outside the workshop page: their registrations, the manage link sent
by email (a secret token, never an id), the documents, their data, and the badge's check-in."""

from django.urls import path

from .views import checkin, documents, participant, privacy

app_name = "events"

urlpatterns = [
    path("my-registrations/", participant.my_registrations, name="my_registrations"),
    path("registrations/<str:token>/", participant.manage, name="manage"),
    path("registrations/<str:token>/edit/", participant.edit, name="edit"),
    path("registrations/<str:token>/cancel/", participant.cancel, name="cancel"),
    path("registrations/<str:token>/badge.pdf", documents.badge, name="badge"),
    path(
        "registrations/<str:token>/invitation-letter.pdf",
        documents.invitation_letter,
        name="invitation_letter",
    ),
    path("registrations/<str:token>/certificate.pdf", documents.certificate, name="certificate"),
    path("my-data/", privacy.my_data, name="my_data"),
    path("my-data/export.json", privacy.export, name="export"),
    path("my-data/erase/", privacy.erase, name="erase"),
    path("check-in/<str:code>/", checkin.check_in, name="check_in"),
]
