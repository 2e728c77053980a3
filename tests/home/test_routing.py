"""A URL finds its page by the slugs of its language, one child at a time, and a known path at
once (home/routing.py)."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import get_page_models

from home.models import ContentPage

from .conftest import translated


def content_page(parent, slug_fr, slug_ar="", slug_en="", **fields):
    page = ContentPage(
        **translated("title", slug_fr.title(), f"صفحة {slug_fr}", slug_fr.title()),
        slug=slug_fr,
        slug_fr=slug_fr,
        slug_ar=slug_ar,
        slug_en=slug_en,
        **fields,
    )
    parent.add_child(instance=page)
    return page


@pytest.fixture
def section(home_page):
    """A section with 30 pages under it, the last one with a page of its own below."""
    section = content_page(home_page, "rubrique", "قسم", "section")
    pages = [content_page(section, f"page-{n}", f"صفحة-{n}", f"page-{n}-en") for n in range(30)]
    content_page(pages[-1], "detail", "تفاصيل", "detail")
    return section


def pages_loaded(client, url):
    """The page objects built while the URL is answered, and its status."""
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    models = get_page_models()
    for model in models:
        post_init.connect(count, sender=model)
    try:
        status = client.get(url).status_code
    finally:
        for model in models:
            post_init.disconnect(count, sender=model)
    return len(built), status


def test_each_language_follows_its_own_slugs_and_french_where_a_page_has_none(client, section):
    untranslated = content_page(section, "sans-traduction")

    assert client.get("/fr/rubrique/page-3/").status_code == 200
    assert client.get("/en/section/page-3-en/").status_code == 200
    assert client.get(quote("/ar/قسم/صفحة-3/")).status_code == 200
    # A language's own slug only: the French one does not open the Arabic page.
    assert client.get(quote("/ar/قسم/page-3/")).status_code == 404
    # modeltranslation's fallback: a page without an Arabic slug answers to its French one.
    assert untranslated.slug_ar == ""
    assert client.get(quote("/ar/قسم/sans-traduction/")).status_code == 200
    assert client.get("/fr/rubrique/inconnue/").status_code == 404


def test_a_page_among_30_siblings_builds_a_few_pages_not_every_sibling(client, section):
    # The first request walks the tree one child a level: modeltranslation's routing built every
    # child of each page on the way, the 30 pages of the section among them.
    built, status = pages_loaded(client, "/fr/rubrique/page-29/detail/")
    assert status == 200
    assert built < 30


def test_a_known_path_costs_the_same_queries_at_any_depth(client, section):
    # Two pages without children, one level apart.
    shallow, deep = "/fr/rubrique/page-3/", "/fr/rubrique/page-29/detail/"
    for url in (shallow, deep):
        client.get(url)  # the path is then known for this generation
    counts = []
    for url in (shallow, deep):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_slug_changed_is_followed_on_the_next_request(client, section):
    page = ContentPage.objects.get(slug_fr="page-7")
    assert client.get("/fr/rubrique/page-7/").status_code == 200

    page.slug = page.slug_fr = "page-sept"
    page.save_revision().publish()

    assert client.get("/fr/rubrique/page-7/").status_code == 404
    assert client.get("/fr/rubrique/page-sept/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/fr/rubrique/%00/", "/fr/rubrique/a%20b/", "/fr/" + "x" * 300 + "/"]
)
def test_a_path_no_slug_can_match_is_a_404(client, section, path):
    assert client.get(path).status_code == 404
