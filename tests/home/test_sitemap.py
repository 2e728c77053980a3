import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urls = {}
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, parsed to check it
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert url.findtext(f"{SITEMAP}loc") not in urls, "each URL once"
        urls[url.findtext(f"{SITEMAP}loc")] = alternates
    return urls


def test_sitemap_lists_each_page_once_per_language_with_its_alternates(client, project_page):
    urls = sitemap(client)
    project = {
        "fr": "http://testserver/fr/projet/",
        "ar": "http://testserver/ar/%D8%A7%D9%84%D9%85%D8%B4%D8%B1%D9%88%D8%B9/",
        "en": "http://testserver/en/project/",
    }
    home = {code: f"http://testserver/{code}/" for code in ("fr", "ar", "en")}
    assert set(urls) == {*project.values(), *home.values()}
    for pages in (project, home):
        for location in pages.values():
            assert urls[location] == {**pages, "x-default": pages["fr"]}


def test_sitemap_alternates_are_absolute_and_every_page_has_all_languages(client, project_page):
    pages = defaultdict(set)
    for location, alternates in sitemap(client).items():
        assert set(alternates) == {"fr", "ar", "en", "x-default"}
        assert all(href.startswith("http://testserver/") for href in alternates.values())
        pages[alternates["x-default"]].add(location)
    assert all(len(locations) == 3 for locations in pages.values())


def test_sitemap_leaves_out_unpublished_pages(client, project_page):
    project_page.unpublish()
    assert not any("projet" in location for location in sitemap(client))
