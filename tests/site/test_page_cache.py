"""Anonymous page views come from the cache; any change they show invalidates it at once."""

import pytest
from django.test import Client
from wagtail.models import Site

from home.models import ContentPage
from home.models.site_settings import SiteFooter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(settings):
    settings.AMEM_PAGE_CACHE = True


@pytest.fixture
def content_page(home_page):
    page = ContentPage(
        title="Le projet", slug="le-projet", title_fr="Le projet", slug_fr="le-projet"
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # Wagtail creates the footer setting on its first read: a write that would bump the cache.
    SiteFooter.for_site(Site.objects.get(is_default_site=True))
    return page


def test_an_anonymous_page_view_is_served_from_the_cache_the_second_time(client, content_page):
    first = client.get("/fr/le-projet/")
    second = client.get("/fr/le-projet/")
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Browsers and proxies must ask again each time: the cache is ours to invalidate.
    for response in (first, second):
        assert "max-age=0" in response["Cache-Control"]
        assert "must-revalidate" in response["Cache-Control"]


def test_a_hit_costs_no_query(client, content_page, django_assert_num_queries):
    client.get("/fr/le-projet/")
    with django_assert_num_queries(0):
        assert client.get("/fr/le-projet/")["X-Cache"] == "hit"


def test_publishing_a_change_shows_on_the_next_anonymous_request(client, content_page):
    assert "Le projet" in client.get("/fr/le-projet/").content.decode()
    content_page.title = content_page.title_fr = "Le projet AMEM"
    content_page.save_revision().publish()
    response = client.get("/fr/le-projet/")
    assert response["X-Cache"] == "miss"
    assert "Le projet AMEM" in response.content.decode()


def test_unpublishing_removes_the_page_from_the_cache(client, content_page):
    client.get("/fr/le-projet/")
    content_page.unpublish()
    assert client.get("/fr/le-projet/").status_code == 404


def test_a_logged_in_users_page_is_never_stored_nor_served_to_another(content_page, make_user):
    amina, karim, anonymous = Client(), Client(), Client()
    amina.force_login(make_user(email="amina@example.org"))
    karim.force_login(make_user(email="karim@example.org"))

    for _ in range(2):
        seen_by_amina = amina.get("/fr/le-projet/")
        assert "X-Cache" not in seen_by_amina
        assert "private" in seen_by_amina["Cache-Control"]
        assert "amina@example.org" in seen_by_amina.content.decode()
    seen_by_karim = karim.get("/fr/le-projet/").content.decode()
    seen_anonymously = anonymous.get("/fr/le-projet/").content.decode()
    assert "karim@example.org" in seen_by_karim
    assert "amina@example.org" not in seen_by_karim
    assert "amina@example.org" not in seen_anonymously
    assert "karim@example.org" not in seen_anonymously


def test_a_response_that_sets_a_cookie_is_not_stored(client, home_page):
    # The login form sets the CSRF cookie: a cached copy would hand out one visitor's token.
    first = client.get("/fr/accounts/login/")
    assert "csrftoken" in first.cookies
    other = Client()
    assert "X-Cache" not in other.get("/fr/accounts/login/")


def test_with_the_cache_unreachable_pages_are_served_fresh(content_page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "amem.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client = Client()
    for _ in range(2):
        response = client.get("/fr/le-projet/")
        assert response.status_code == 200
        assert "X-Cache" not in response
