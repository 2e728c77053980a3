"""Every page type of the demo, given hostile tokens as an extra path segment (its routes) and in
the query parameters the views read, answers 4xx or 3xx: never a 500. The tokens and the reasons
are in test_hostile_tokens_sweep.py, which does the same for every URL pattern; apart from it so
that the two run side by side in CI's PostgreSQL pass.
"""

import pytest
from django.utils import translation
from wagtail.models import Page

from stakeholders.models import User
from tests.site import test_hostile_tokens_sweep as sweep

pytestmark = sweep.pytestmark


def page_urls():
    """Two live pages of each page type (pages of a type share their view and routes)."""
    urls = set()
    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        seen[type(page)] = seen.get(type(page), 0) + 1
        if seen[type(page)] > 2:
            continue
        for language in ("fr", "ar"):
            with translation.override(language):
                url = page.get_url()
            if not url:
                continue
            for token in sweep.HOSTILE:
                urls.add(f"{url}{token}/")
                urls.add(url + "?" + "&".join(f"{name}={token}" for name in sweep.QUERY_PARAMETERS))
    return sorted(urls)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="sweep@amem.local", password="x")


@pytest.mark.django_db
def test_no_page_route_answers_a_hostile_token_with_a_server_error(demo_loaded, client, superuser):
    urls = page_urls()
    client.raise_request_exception = False

    anonymous = sweep.server_errors(client, urls)
    client.force_login(superuser)
    staff = sweep.server_errors(client, urls)

    assert len(urls) > 100
    assert anonymous == []
    assert staff == []
