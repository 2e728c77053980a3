"""Anonymous page views come from the cache; any change they show invalidates it at once."""

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from documents.generation import GENERATION_KEY
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
        # A shared cache must not give this copy to someone who sends a session cookie.
        assert "Cookie" in response["Vary"]


def test_a_hit_costs_no_query(client, content_page, django_assert_num_queries):
    client.get("/fr/le-projet/")
    with django_assert_num_queries(0):
        assert client.get("/fr/le-projet/")["X-Cache"] == "hit"


def test_a_hit_of_a_page_served_before_reads_its_versions_not_the_page(
    client, content_page, monkeypatch
):
    client.get("/fr/le-projet/")
    assert client.get("/fr/le-projet/")["X-Cache"] == "hit"  # now kept by this process too
    read = []
    backend = type(caches["default"])
    get, get_many = backend.get, backend.get_many
    monkeypatch.setattr(
        backend, "get", lambda self, key, *a, **k: read.append(key) or get(self, key, *a, **k)
    )
    monkeypatch.setattr(
        backend,
        "get_many",
        lambda self, keys, *a, **k: read.extend(keys) or get_many(self, keys, *a, **k),
    )
    again = client.get("/fr/le-projet/")
    assert again["X-Cache"] == "hit"
    assert "Le projet" in again.content.decode()
    # One read, of the generation: the page itself comes from this process's copy.
    assert set(read) == {GENERATION_KEY}

    # After a change, the copy is not served: the page is rendered again.
    content_page.title = content_page.title_fr = "Le projet AMEM"
    content_page.save_revision().publish()
    assert client.get("/fr/le-projet/")["X-Cache"] == "miss"


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


SHARED = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
}
UNREACHABLE = {
    "default": {
        "BACKEND": "amem.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def invalidations():
    return DBTaskResult.objects.filter(task_path="amem.page_cache.invalidate_later")


def invalidations_waiting():
    return invalidations().filter(status=TaskResultStatus.READY)


# The worker runs in the test, with its own database connection's transactions.
through_the_worker = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@through_the_worker
def test_a_change_made_while_the_cache_is_unreachable_is_invalidated_once_it_answers(
    content_page, settings, work
):
    # Another app server, or this one before an outage, cached the page in the shared cache.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = SHARED
    cache.clear()
    Client().get("/fr/le-projet/")
    assert Client().get("/fr/le-projet/")["X-Cache"] == "hit"

    # This server is cut off from the cache while an editor publishes twice.
    settings.CACHES = UNREACHABLE
    for title in ("Le projet AMEM", "Le projet AMEM (Maghreb)"):
        content_page.title = content_page.title_fr = title
        content_page.save_revision().publish()
    # One bump waits for the worker, whatever the number of writes.
    assert invalidations_waiting().count() == 1

    settings.CACHES = SHARED
    assert "Le projet AMEM" not in Client().get("/fr/le-projet/").content.decode()
    work()
    response = Client().get("/fr/le-projet/")
    assert response["X-Cache"] == "miss"
    assert "Le projet AMEM (Maghreb)" in response.content.decode()
    assert not invalidations_waiting().exists()


@through_the_worker
def test_the_worker_tries_again_while_the_cache_is_unreachable(content_page, settings, work):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = UNREACHABLE
    content_page.save_revision().publish()
    work()
    # Still unreachable: tried again later rather than dropped.
    retry = invalidations_waiting().get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 1}
    assert retry.run_after > timezone.now()


@through_the_worker
def test_a_change_with_the_cache_reachable_queues_nothing(content_page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = SHARED
    content_page.save_revision().publish()
    assert not invalidations().exists()


@pytest.mark.skipif(
    "Redis" not in django_settings.CACHES["default"]["BACKEND"], reason="the cache is Redis"
)
def test_hits_make_no_redis_client_each(client, content_page, monkeypatch):
    client.get("/fr/le-projet/")
    client.get("/fr/le-projet/")
    made = []
    make = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        make(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for _ in range(5):
        assert client.get("/fr/le-projet/")["X-Cache"] == "hit"
    # Django's Redis cache makes one for every command, redis-py filling ~170 callbacks in it.
    assert made == []
