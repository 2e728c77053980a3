import re

import pytest
from django.utils import translation

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def alternates(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', response.text)
    )


def switcher(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))


@pytest.mark.parametrize(
    ("accept", "prefix"), [("ar,fr;q=0.5", "/ar/"), ("en-GB,en;q=0.9", "/en/"), ("de", "/fr/")]
)
def test_root_redirects_to_the_visitors_language(client, home_page, accept, prefix):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [
        ("fr", "ltr", "Migration équitable"),
        ("ar", "rtl", "الهجرة العادلة"),
        ("en", "ltr", "Fair migration"),
    ],
)
def test_home_page_speaks_each_language(client, home_page, language, direction, title):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{language}" dir="{direction}">'
    assert f'<h1 class="hero__title">{title}</h1>' in response.text


def test_slugs_are_translated(client, project_page):
    assert client.get("/fr/projet/").status_code == 200
    assert client.get("/en/project/").status_code == 200
    assert client.get("/ar/المشروع/").status_code == 200
    assert client.get("/en/projet/").status_code == 404


def test_language_switcher_stays_on_the_same_page(client, project_page):
    response = client.get("/fr/projet/")
    links = switcher(response)
    assert links == {
        "/fr/projet/": "fr",
        "/ar/%D8%A7%D9%84%D9%85%D8%B4%D8%B1%D9%88%D8%B9/": "ar",
        "/en/project/": "en",
    }
    for url, language in links.items():
        target = client.get(url)
        assert target.status_code == 200
        assert html_tag(target).startswith(f'<html lang="{language}"')
        assert target.context["page"].pk == project_page.pk


def test_language_switcher_on_an_account_page_stays_on_it(client, db):
    response = client.get("/fr/accounts/login/?next=/admin/")
    assert set(switcher(response)) == {
        "/fr/accounts/login/?next=/admin/",
        "/ar/accounts/login/?next=/admin/",
        "/en/accounts/login/?next=/admin/",
    }


@pytest.mark.parametrize("url", ["/fr/", "/ar/المشروع/", "/en/project/", "/fr/accounts/login/"])
def test_every_page_has_hreflang_alternates(client, project_page, url):
    response = client.get(url)
    assert response.status_code == 200
    links = alternates(response)
    assert set(links) == {"fr", "ar", "en", "x-default"}
    assert links["x-default"] == links["fr"]
    assert all(href.startswith("http://testserver/") for href in links.values())


def test_missing_translation_falls_back_to_french_with_a_notice(client, home_page):
    page = ContentPage(
        title="Partenaires",
        title_fr="Partenaires",
        title_en="Partners",
        slug_fr="partenaires",
        slug_en="partners",
        introduction_fr="Les partenaires institutionnels du projet.",
    )
    home_page.add_child(instance=page)
    with translation.override("en"):
        english = client.get(page.get_url())
    assert "Les partenaires institutionnels du projet." in english.text
    assert "not yet translated into your language" in english.text
    french = client.get("/fr/partenaires/")
    assert "notice--fallback" not in french.text


def test_fully_translated_page_shows_no_notice(client, project_page):
    assert "notice--fallback" not in client.get("/en/project/").text


def test_language_switcher_keeps_the_query_string(client, project_page):
    links = switcher(client.get("/fr/projet/?page=2"))
    assert "/en/project/?page=2" in links
