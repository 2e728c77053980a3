"""The participant's pages outside the workshop page: their registrations, the manage link sent
by email (a secret token, never an id), the documents, their data, and the badge's check-in.

The segments are translated (fr, ar; en is the msgid); amem.translated_routes redirects the
former English paths, which emails already sent and printed badges hold."""

from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from home import parsing  # noqa: F401 - registers the <token:…> converter

from .views import checkin, documents, participant, privacy

app_name = "events"

# One registration's pages, under the token of its manage link.
registration = [
    path("", participant.manage, name="manage"),
    path(_("edit/"), participant.edit, name="edit"),
    path(_("cancel/"), participant.cancel, name="cancel"),
    path(_("badge.pdf"), documents.badge, name="badge"),
    path(_("invitation-letter.pdf"), documents.invitation_letter, name="invitation_letter"),
    path(_("certificate.pdf"), documents.certificate, name="certificate"),
]

my_data = [
    path("", privacy.my_data, name="my_data"),
    path(_("export.json"), privacy.export, name="export"),
    path(_("erase/"), privacy.erase, name="erase"),
]

urlpatterns = [
    path(_("my-registrations/"), participant.my_registrations, name="my_registrations"),
    path(format_lazy("{}<token:token>/", _("registrations/")), include(registration)),
    path(_("my-data/"), include(my_data)),
    path(format_lazy("{}<token:code>/", _("check-in/")), checkin.check_in, name="check_in"),
]
