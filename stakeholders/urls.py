"""The front-end URLs of the registry: the partner space and protocol signing.

The segments are translated (fr, ar; en is the msgid); amem.translated_routes redirects the
former English paths."""

from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

app_name = "stakeholders"

urlpatterns = [
    path(
        format_lazy("{}{}", _("partner-space/"), _("recommendations/")),
        include("stakeholders.views.recommendations"),
    ),
    path(_("recommendations-dashboard/"), include("stakeholders.views.dashboard")),
    path(_("partner-space/"), include("stakeholders.views.partner_space")),
    path(_("protocols/"), include("stakeholders.views.signing")),
]
