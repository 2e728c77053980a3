"""The front-end URLs of the registry: the partner space and protocol signing."""

from django.urls import include, path

app_name = "stakeholders"

urlpatterns = [
    path("partner-space/recommendations/", include("stakeholders.views.recommendations")),
    path("recommendations-dashboard/", include("stakeholders.views.dashboard")),
    path("partner-space/", include("stakeholders.views.partner_space")),
    path("protocols/", include("stakeholders.views.signing")),
]
