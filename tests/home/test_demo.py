import re
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Page, Revision

from documents.models import Document
from home.models import (
    BasePage,
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
)
from stakeholders.models import Organisation

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def site_state():
    """What a second run must leave alone: every page, its revisions, the organisations, the
    documents (a publication's files are rendered once)."""
    return (
        list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id", "live")),
        Revision.objects.count(),
        list(Organisation.objects.order_by("pk").values_list("pk", "name_fr", "acronym_fr")),
        list(Document.objects.order_by("pk").values_list("pk", "file")),
    )


def test_demo_loader_twice_leaves_the_same_site(demo_loaded):
    first = demo_loaded
    state = site_state()
    second = load_demo()
    assert "Demo pages, news and publications: 20 created." in first
    assert "Demo organisations: 30 created." in first
    assert "Demo workshops: 8 created." in first
    assert "Demo registration settings and participants: 51 created." in first
    for part in (
        "Demo pages, news and publications",
        "Demo organisations",
        "Demo workshops",
        "Demo registration settings and participants",
        "Demo tracker and recommendations",
    ):
        assert f"{part}: 0 created." in second
    assert site_state() == state


def test_demo_loader_keeps_what_editors_changed(demo_loaded):
    news = NewsPage.objects.get(kind=NewsPage.Kind.NEWS)
    news.title_fr = news.title = "Titre revu par la rédaction"
    news.save_revision().publish()
    load_demo()
    assert NewsPage.objects.get(pk=news.pk).title_fr == "Titre revu par la rédaction"


def test_demo_loader_prints_how_to_log_in(demo_loaded):
    output = demo_loaded
    assert "/admin/" in output
    assert "admin@amem.local" in output
    assert "amem-demo" in output


def test_demo_site_has_the_seed_pages_in_three_languages(demo_loaded):
    assert HomePage.objects.live().count() == 1
    assert set(ContentPage.objects.exclude(country="").values_list("country", flat=True)) == {
        "LY",
        "MA",
        "MR",
        "TN",
    }
    for page in ContentPage.objects.all():
        assert page.slug_ar != page.slug_fr and page.slug_en, page.slug_fr
    pages = list(Page.objects.filter(depth__gt=1).specific())
    assert len(pages) == 31
    for page in pages:
        assert isinstance(page, BasePage), page
        assert page.title_fr and page.title_ar and page.title_en, page.slug_fr
        assert page.slug_fr and page.slug_ar and page.slug_en, page.slug_fr
        assert page.untranslated_fields("ar") == [], page.slug_fr
        assert page.untranslated_fields("en") == [], page.slug_fr


def test_demo_menu_lists_workshops_news_publications_protocols_and_tracker(demo_loaded):
    home = HomePage.objects.get()
    with translation.override("ar"):
        titles = [page.title for page in home.get_children().in_menu().specific()]
    assert titles[-5:] == ["ورش العمل", "الأخبار", "المنشورات", "مذكرات التفاهم", "متابعة التوصيات"]
    news_index = NewsIndexPage.objects.get()
    publications = PublicationIndexPage.objects.get()
    assert (news_index.slug_fr, news_index.slug_ar, news_index.slug_en) == (
        "actualites",
        "الأخبار",
        "news",
    )
    assert (publications.slug_fr, publications.slug_ar) == ("publications", "المنشورات")


def test_demo_news_and_publications(demo_loaded):
    assert sorted(NewsPage.objects.values_list("kind", flat=True)) == ["news", "press_release"]
    assert sorted(PublicationPage.objects.values_list("kind", flat=True)) == [
        "concept_note",
        "legal_analysis",
        "study",
        "study",
        "study",
        "study",
    ]
    for publication in PublicationPage.objects.all():
        for language in ("fr", "ar", "en"):
            document = getattr(publication, f"document_{language}")
            assert document.language == language
            assert document.visibility == Document.Visibility.PUBLIC
            assert document.file_extension == "pdf"
        assert publication.country and publication.axis and publication.year
        assert publication.summary_ar and publication.body_en
    aics = NewsPage.objects.get(kind="news")
    assert "AICS" in aics.title_fr
    assert "الوكالة الإيطالية للتعاون الإنمائي" in aics.introduction_ar


def test_every_demo_study_offers_its_french_and_arabic_files(demo_loaded, client):
    for study in PublicationPage.objects.filter(kind=PublicationPage.Kind.STUDY):
        with translation.override("fr"):
            response = client.get(study.get_url())
        links = re.findall(
            r'<a class="publication-files__link" href="([^"]+)" hreflang="(\w+)" download>',
            response.text,
        )
        by_language = {language: url for url, language in links}
        assert {"fr", "ar"} <= set(by_language), study.title
        download = client.get(by_language["ar"])
        assert download.status_code == 200
        arabic = PdfReader(BytesIO(b"".join(download.streaming_content)))
        # The Arabic file is the study's Arabic summary: each of its words, shaped and extracted.
        words = re.findall(r"[\u0621-\u064A]+", study.summary_ar)
        assert set(words) <= set(re.findall(r"[\u0621-\u064A]+", arabic.pages[0].extract_text()))


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [
        ("fr", "ltr", "Appui à la migration équitable pour le Maghreb"),
        ("ar", "rtl", "دعم الهجرة العادلة في المغرب العربي"),
        ("en", "ltr", "Support for fair migration in the Maghreb"),
    ],
)
def test_demo_home_page_in_each_language(demo_loaded, client, language, direction, title):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert re.search(r"<html[^>]*>", response.text).group(0) == (
        f'<html lang="{language}" dir="{direction}">'
    )
    assert title in response.text


def test_every_demo_page_answers_in_every_language(demo_loaded, client):
    pages = Page.objects.live().specific().filter(depth__gt=1)
    assert len(pages) == 31
    for page in pages:
        for language in ("fr", "ar", "en"):
            with translation.override(language):
                url = page.get_url()
                title = page.title
            response = client.get(url)
            assert response.status_code == 200, url
            assert "notice--fallback" not in response.text, url
            assert f'<html lang="{language}"' in response.text, url
            assert title.split(" ")[0] in response.text, url
