from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Page, Site

from home.models import HomePage
from tests import database


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (CI's second pass, on PostgreSQL: the "
        "others, PDFs, settings, subprocesses, ran already in the first)",
    )


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or (
        "_django_db_helper" in item.fixturenames
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if uses_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if not uses_database(item)])
    items[:] = kept


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database; what its migrations made is kept (tests/database.py)."""
    with django_db_blocker.unblock():
        database.remember()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # With no next item the session's teardown has just removed the test database.
    if nextitem is not None and database.is_transactional(item) and database.remembered():
        with item.config.stash[blocking_manager_key].unblock():
            database.restore()
    return result


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and page caches live in the cache: each test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request leaves its language active in the thread: each test starts in French."""
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The whole demo, as `make run` loads it, once for a test module; `load_demo`'s output.

    Loaded in a transaction rolled back after the module's last test; each test (with the `db`
    fixture) runs in a savepoint within it, so what a test changes goes with it. Every test of
    the module that runs after the first one using it sees the demo: a module that uses it holds
    demo tests only.
    """
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        output = StringIO()
        call_command("load_demo", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def password():
    return "a-Long-enough-passphrase-42"


@pytest.fixture
def make_user(db, password):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    def make(email="participant@example.org", verified=True, **fields):
        user = get_user_model().objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def home_page(db):
    """The site's home page, in three languages, as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePage(
        title="Accueil",
        title_fr="Accueil",
        title_ar="الرئيسية",
        title_en="Home",
        slug_fr="accueil",
        slug_ar="الرئيسية",
        slug_en="home",
        hero_title_fr="Migration équitable",
        hero_title_ar="الهجرة العادلة",
        hero_title_en="Fair migration",
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home
