import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from home import demo
from home.models import HomePage


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


@pytest.fixture
def demo_site(db):
    """The demo site as `make run` builds it, from the project's seed."""
    demo.load()
    return demo


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
