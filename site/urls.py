from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import search

from .health import healthz, readyz
from .media import serve_media
from .views import login_through_allauth

handler500 = "amem.errors.server_error"
# allauth answers its rate limits with this view (allauth.core.internal.ratelimit).
handler429 = "amem.ratelimit.allauth_refusal"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Wagtail's own login form would bypass allauth's MFA and rate limits.
    path("admin/login/", login_through_allauth),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Each page once per language, with its hreflang alternates (BasePage.get_sitemap_urls).
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # The images only: documents and evidence are served by views that check who asks.
    urlpatterns += static(settings.MEDIA_URL, view=serve_media)

# The site's own routes have translated segments (search/, partner-space/ …: see the apps' urls.py);
# amem.translated_routes redirects their former English paths. allauth's keep theirs.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path(_("search/"), search, name="search"),
    path("", include("stakeholders.urls")),
    path("", include("events.urls")),
    # Wagtail's own pattern refuses a dot, so a page route ending in a file name (…/agenda.pdf,
    # …/calendar.ics, the tracker's open data and country reports) reaches the page through
    # Wagtail's view (privacy, hooks) only from here.
    re_path(
        r"^((?:[\w\-]+/)*(?:agenda\.pdf|concept-note\.pdf|calendar\.ics|recommendations\.csv"
        r"|recommendations\.json|report/[A-Za-z]{2}\.pdf))$",
        wagtail_views.serve,
        name="wagtail_serve_file",
    ),
    path("", include(wagtail_urls)),
)
