import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page, Revision

from home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loader_twice_leaves_the_same_site():
    first = load_demo()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    second = load_demo()
    assert "Demo pages: 10 created." in first
    assert "Demo pages: 0 created." in second
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_demo_loader_prints_how_to_log_in():
    output = load_demo()
    assert "/admin/" in output
    assert "admin@amem.local" in output
    assert "amem-demo" in output


def test_demo_site_has_the_seed_pages_in_three_languages():
    load_demo()
    assert HomePage.objects.live().count() == 1
    assert set(ContentPage.objects.exclude(country="").values_list("country", flat=True)) == {
        "LY",
        "MA",
        "MR",
        "TN",
    }
    for page in ContentPage.objects.all():
        assert page.title_fr and page.title_ar and page.title_en, page.slug_fr
        assert page.slug_ar != page.slug_fr and page.slug_en, page.slug_fr
        assert page.untranslated_fields("ar") == []
        assert page.untranslated_fields("en") == []


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [
        ("fr", "ltr", "Appui à la migration équitable pour le Maghreb"),
        ("ar", "rtl", "دعم الهجرة العادلة في المغرب العربي"),
        ("en", "ltr", "Support for fair migration in the Maghreb"),
    ],
)
def test_demo_home_page_in_each_language(client, language, direction, title):
    load_demo()
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert re.search(r"<html[^>]*>", response.text).group(0) == (
        f'<html lang="{language}" dir="{direction}">'
    )
    assert title in response.text


def test_every_demo_page_answers_in_every_language(client):
    load_demo()
    for page in Page.objects.live().specific().filter(depth__gt=1):
        for language in ("fr", "ar", "en"):
            with translation.override(language):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, url
            assert "notice--fallback" not in response.text, url
