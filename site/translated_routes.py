"""The former paths of the site's own routes answer a permanent redirect to the current ones.

The segments of the site's routes are translated (/fr/espace-partenaires/, /ar/بحث/; the apps'
urls.py); before, they were English in every language, and emails already sent, printed badges
(their QR code), bookmarks and search engines hold /fr/partner-space/…, /ar/search/?q=….

One mechanism for every route: a URL that nothing answered (a 404) is resolved again with its
segments read in each other language; if that names a route, the answer is a redirect to the
same route in the language of the URL's prefix, with the same arguments and query string. It
acts on 404s only because Wagtail's catch-all pattern matches any path first (so a fallback URL
pattern would never be reached), and so that a page whose slug is a former segment wins.
"""

from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

# Wagtail's catch-all patterns: any path resolves to them in any language; they name no route.
WAGTAIL_VIEWS = {"wagtail_serve", "wagtail_serve_file"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    """308: a form opened before the change posts its data to the new URL."""

    status_code = 308


def current_path(request):
    """The path of the route that the request's path names in another language's segments,
    reversed in the language of its prefix; None if it names none."""
    language, _slash, rest = request.path_info.removeprefix("/").partition("/")
    if language not in LANGUAGES:
        return None
    for former in LANGUAGES:
        if former == language:
            continue
        with translation.override(former):
            try:
                match = resolve(f"/{former}/{rest}")
            except Resolver404:
                continue
        if match.url_name is None or match.url_name in WAGTAIL_VIEWS:
            continue
        with translation.override(language):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
        if unquote(path) != request.path:  # the route itself said 404
            return path
    return None


class FormerRouteRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        path = current_path(request)
        if path is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        location = f"{path}?{query}" if query else path
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(location)
        return PermanentRedirectKeepingMethod(location)
