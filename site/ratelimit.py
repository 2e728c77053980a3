"""Rate limits on the routes whose every render is costly, per client address.

The site search runs a full-text query and checks up to 200 pages; a PDF (a workshop's agenda or
concept note, a country report, a press release) is laid out by WeasyPrint; the tracker's open
data serialises every recommendation. A query string that the page cache has not seen reaches the
view each time, so one address could keep the app servers busy. Each address gets
AMEM_RATE_LIMITS[kind] = (renders, seconds), counted in the shared cache (every app server sees the
same count); past it the answer is a 429 with Retry-After until the window ends.

The middleware sits inside amem.page_cache's: a page served from the cache never reaches the
view, so only renders count. The calendar (.ics) is left out: calendar services fetch every
subscriber's feed from a few shared addresses. Without a reachable cache, nothing is counted
(amem.cache.ResilientRedisCache answers 0): the site stays usable.

An address's window opens with its first counted render and lasts `seconds`; the next render
after it opens a new one. One address can thus make up to twice its limit within `seconds`
across two windows: the price of a counter (one atomic increment in Redis) over allauth's sliding
windows, which keep every timestamp and take a lock per request.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from stakeholders.signing import client_address


def costly_kind(request) -> str | None:
    """The AMEM_RATE_LIMITS entry that counts this request, if any."""
    match = request.resolver_match
    if match.view_name == "search":
        return "search"
    if match.url_name not in ("wagtail_serve", "wagtail_serve_file"):
        return None
    # Page routes: …/agenda.pdf, …/concept-note.pdf, …/report/<code>.pdf, a press release's …/pdf/.
    if request.path.endswith((".pdf", "/pdf/")):
        return "pdf"
    if request.path.endswith(("/recommendations.csv", "/recommendations.json")):
        return "open_data"
    return None


def consume(kind, address) -> int | None:
    """Counts a render for `address`; the seconds until it may render again when over the limit."""
    renders, seconds = settings.AMEM_RATE_LIMITS[kind]
    key = f"rate-limit:{kind}:{address}"
    now = time.time()
    if cache.add(key, 0, timeout=seconds):
        cache.set(f"{key}:since", now, timeout=seconds)
    try:
        count = cache.incr(key)  # the expiry set by add() stays
    except ValueError:  # expired between add() and incr()
        return None
    if count <= renders:
        return None
    since = cache.get(f"{key}:since", now)
    return max(1, math.ceil(since + seconds - now))


class ExpensiveRouteRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # process_view: the URL is resolved, and the language of its prefix active.
        kind = costly_kind(request)
        if kind is None:
            return None
        address = client_address(request)
        if address is None:
            return None
        retry_after = consume(kind, address)
        if retry_after is None:
            return None
        return too_many_requests(request, retry_after)


def too_many_requests(request, retry_after):
    response = TemplateResponse(
        request,
        "service_unavailable.html",
        {
            "heading": _("Too many requests"),
            "message": _(
                "Too many requests came from your connection in a short time. "
                "Please try again in a minute."
            ),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response.render()


def allauth_refusal(request):
    """allauth's answer past its own limits (logins per address, see ACCOUNT_RATE_LIMITS): the
    same translated page, instead of allauth's bare English one (site/urls.py's handler429)."""
    return too_many_requests(request, retry_after=60)
