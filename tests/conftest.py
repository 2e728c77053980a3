import pytest
from django.core.cache import cache
from django.utils import translation

from home import demo


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
