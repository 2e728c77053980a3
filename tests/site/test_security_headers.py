"""Security headers on the site's pages: CSP without inline code, and the rest."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_without_inline_code(client, home_page):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_carry_the_other_security_headers(client, home_page):
    response = client.get("/fr/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_cached_page_keeps_its_security_headers(client, home_page, settings):
    settings.AMEM_PAGE_CACHE = True
    client.get("/fr/")
    client.get("/fr/")
    hit = client.get("/fr/")
    assert hit["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert hit[header]
