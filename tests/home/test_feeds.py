import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARABIC_INDEX = "/ar/%D8%A7%D9%84%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/"


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


@pytest.fixture
def news(home_page):
    """Three news items in three languages, the second unpublished."""
    index = NewsIndexPage(
        **translated("title", "Actualités", "الأخبار", "News"),
        **translated("slug", "actualites", "الأخبار", "news"),
    )
    home_page.add_child(instance=index)
    for n, day in ((1, 1), (2, 20), (3, 10)):
        page = NewsPage(
            kind=NewsPage.Kind.PRESS_RELEASE if n == 3 else NewsPage.Kind.NEWS,
            date=datetime.date(2025, 4, day),
            **translated("title", f"Nouvelle {n}", f"خبر {n}", f"News item {n}"),
            **translated("slug", f"nouvelle-{n}", f"خبر-{n}", f"news-{n}"),
            **translated("introduction", f"Résumé {n}", f"ملخص {n}", f"Summary {n}"),
        )
        index.add_child(instance=page)
        if n == 2:
            page.unpublish()
    return index


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own response, parsed to check it


def test_rss_feed_is_in_the_requested_language(client, news):
    response = client.get(f"{ARABIC_INDEX}rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")
    assert channel.findtext("language") == "ar"
    assert channel.findtext("title") == "الأخبار · AMEM"
    assert channel.findtext("link") == f"http://testserver{ARABIC_INDEX}"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["خبر 3", "خبر 1"]
    assert [item.findtext("description") for item in items] == ["ملخص 3", "ملخص 1"]
    assert items[0].findtext("link") == (f"http://testserver{ARABIC_INDEX}%D8%AE%D8%A8%D8%B1-3/")
    assert items[0].findtext("pubDate").startswith("Thu, 10 Apr 2025")


def test_rss_feed_in_french_links_the_french_pages(client, news):
    channel = parse(client.get("/fr/actualites/rss/")).find("channel")
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Nouvelle 3", "Nouvelle 1"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver/fr/actualites/nouvelle-3/",
        "http://testserver/fr/actualites/nouvelle-1/",
    ]
    assert items[0].findtext("category") == "Communiqué de presse"


def test_atom_feed_is_in_the_requested_language(client, news):
    response = client.get("/en/news/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.get(XML_LANG) == "en"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["News item 3", "News item 1"]
    assert entries[1].find(f"{ATOM}link").get("href") == "http://testserver/en/news/news-1/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/en/news/atom/"


def test_feeds_leave_out_unpublished_news(client, news):
    for url in ("/fr/actualites/rss/", "/fr/actualites/atom/", f"{ARABIC_INDEX}rss/"):
        body = client.get(url).content.decode()
        assert "Nouvelle 2" not in body
        assert "خبر 2" not in body
        assert "nouvelle-2" not in body


def test_news_index_announces_its_feeds(client, news):
    head = client.get("/fr/actualites/").text.split("</head>")[0]
    links = dict(re.findall(r'<link rel="alternate" type="([^"]+)"[^>]* href="([^"]+)">', head))
    assert links == {
        "application/rss+xml": "/fr/actualites/rss/",
        "application/atom+xml": "/fr/actualites/atom/",
    }


def test_feed_of_an_empty_index_is_valid(client, home_page):
    index = NewsIndexPage(
        **translated("title", "Actualités", "الأخبار", "News"),
        **translated("slug", "actualites", "الأخبار", "news"),
    )
    home_page.add_child(instance=index)
    assert parse(client.get("/fr/actualites/rss/")).find("channel").findall("item") == []
