"""Every URL pattern of the project, given hostile tokens, answers 4xx or 3xx: never a 500.

Each pattern's parameters (path converters and regex groups alike, the admin's included) are
filled with tokens a browser, a crawler or an attacker may send: a NUL byte (PostgreSQL refuses
it in a query), Arabic-Indic digits (`str.isdigit()` accepts them), a value far longer than any
column, a percent-encoded path traversal, a quote and an SQL fragment, and a number too large
for the database (the only one an `<int:…>` parameter takes). A pattern without parameters gets
the same tokens in the query parameters the views read. Every live page of the demo gets them as
an extra path segment (its routes) and in its query string. Requests are made as a superuser,
who reaches every view, and anonymously for the public side. It runs in CI's PostgreSQL pass
only: PostgreSQL is where a NUL byte fails (SQLite accepts it), and the sweep's few thousand
requests need not run twice.
"""

import pytest
from django.db import connection
from django.urls import get_resolver
from django.urls.resolvers import get_ns_resolver
from django.utils import translation

from stakeholders.models import User

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's pass of CI (DATABASE_URL=postgres://…)"
)

# One of each kind: each token costs a request to every pattern, as a visitor and as staff.
HOSTILE = [
    "%00",
    "%D9%A1%D9%A2",
    "x" * 10_000,
    "..%2F..%2Fetc%2Fpasswd",
    "1'%20OR%20'1'='1",
    "99999999999999999999999",
]
# The query parameters the views read (grep request.GET): each gets the hostile token.
QUERY_PARAMETERS = [
    "page",
    "p",
    "q",
    "id",
    "ids",
    "keep",
    "person",
    "organisation",
    "event",
    "country",
    "status",
    "axis",
    "ordering",
    "next",
    "language",
    "constituency",
    "workshop",
    "export",
]


def url_formats(resolver=None, prefix="", converters=()):
    """Every pattern's reverse format ("fr/partner-space/%(organisation)s/") with its
    parameters' names, the namespaced ones included, as Django's reverse() builds them."""
    resolver = resolver or get_resolver()
    for key in list(resolver.reverse_dict):
        for possibilities, _pattern, _defaults, _converters in resolver.reverse_dict.getlist(key):
            for format_string, parameters in possibilities:
                yield format_string, tuple(parameters)
    for namespace_prefix, subresolver in resolver.namespace_dict.values():
        pattern = prefix + namespace_prefix
        merged = dict(converters) | subresolver.pattern.converters
        nested = get_ns_resolver(pattern, subresolver, tuple(merged.items()))
        yield from url_formats(subresolver, pattern, tuple(merged.items()))
        yield from url_formats(nested, "", tuple(merged.items()))


def hostile_urls(language):
    """The hostile URLs of every pattern; those without a language prefix (the admin, the
    documents) in French only: they are the same in every language."""
    with translation.override(language):
        formats = set(url_formats())
    if language != "fr":
        formats = {(f, p) for f, p in formats if f.startswith(f"{language}/")}
    urls = set()
    for format_string, parameters in formats:
        for token in HOSTILE:
            if parameters:
                urls.add("/" + format_string % dict.fromkeys(parameters, token))
            else:
                query = "&".join(f"{name}={token}" for name in QUERY_PARAMETERS)
                urls.add("/" + (format_string % {}) + "?" + query)
    return sorted(urls)


def server_errors(client, urls):
    failed = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            failed.append((response.status_code, url[:200]))
    return failed


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="sweep@amem.local", password="x")


@pytest.mark.django_db
def test_the_sweep_reaches_every_kind_of_route():
    urls = hostile_urls("fr")

    # The sweep is only as good as its reach: the admin, the partner space, the registrations'
    # tokens, allauth and the registry's viewsets are all in it.
    for fragment in ("/admin/", "/fr/accounts/", "/fr/espace-partenaires/", "badge.pdf", "merge"):
        assert any(fragment in url for url in urls), fragment
    assert len(urls) > 1000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_url_pattern_answers_a_hostile_token_with_a_server_error(
    client, superuser, language, django_capture_on_commit_callbacks
):
    urls = hostile_urls(language)
    client.raise_request_exception = False

    anonymous = server_errors(client, [url for url in urls if not url.startswith("/admin/")])
    client.force_login(superuser)
    staff = server_errors(client, urls)

    assert anonymous == []
    assert staff == []
