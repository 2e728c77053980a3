"""The demo's editorial pages, from the project's seed (shared/seeds): the home page, the content
pages, news and press releases, publications. Their words are in data/pages.json, news.json and
publications.json.

A page is created once, never overwritten, so running the loader again changes nothing and keeps
what editors changed. News and publication dates are placeholders, `days_ago` days before today;
a publication's year is the year of that date. The seed holds no document: each publication's
file in each language is a short PDF of its summary, rendered once (publications.py).
"""

import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page, Site

from home.models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    SiteFooter,
)

from .common import LANGUAGES, create_child, data, translated
from .publications import attach_files

PAGES = data("pages")
NEWS = data("news")
PUBLICATIONS = data("publications")


@transaction.atomic
def load():
    """Creates what is missing; returns how many pages it created."""
    with translation.override("fr"):
        home, home_created = _home_page()
        count = int(home_created)
        for spec in PAGES["pages"]:
            page, created = _content_page(home, spec)
            count += created
            for child in spec.get("children", ()):
                count += _content_page(page, child)[1]
        if home_created:
            _link_countries(home)
        _footer(home)
        count += _news(home) + _publications(home)
    return count


def _home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    home = HomePage(**translated(**PAGES["home"]))
    root.add_child(instance=home)
    home.save_revision().publish()
    # The page Wagtail's first migration creates is replaced by ours.
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": "AMEM"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage).delete()
    return home, True


def _content_page(parent, spec):
    text = {key: value for key, value in spec.items() if key not in {"children", "country", "menu"}}
    return create_child(
        parent,
        ContentPage,
        text,
        country=spec.get("country", ""),
        show_in_menus=spec.get("menu", False),
    )


def _news(home):
    """The news index (in the menu) and its news and press releases; returns pages created."""
    index, created = create_child(home, NewsIndexPage, NEWS["index"], show_in_menus=True)
    count = int(created)
    for spec in NEWS["news"]:
        _page, created = create_child(
            index,
            NewsPage,
            spec["text"],
            kind=spec["kind"],
            country=spec["country"],
            date=_days_ago(spec["days_ago"]),
        )
        count += created
    return count


def _publications(home):
    """The publications index (in the menu) and its publications, with their files."""
    index, created = create_child(
        home, PublicationIndexPage, PUBLICATIONS["index"], show_in_menus=True
    )
    count = int(created)
    for spec in PUBLICATIONS["publications"]:
        page, created = create_child(
            index,
            PublicationPage,
            spec["text"],
            kind=spec["kind"],
            country=spec["country"],
            axis=spec["axis"],
            year=_days_ago(spec["days_ago"]).year,
        )
        attach_files(page)
        count += created
    return count


def _days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def _link_countries(home):
    """The home page's country cards point at the country pages just created."""
    pages = {page.country: page for page in ContentPage.objects.exclude(country="")}
    for language in LANGUAGES:
        cards = [
            {
                "type": "country",
                "value": {"country": code, "text": text[language], "page": pages[code].pk},
            }
            for code, text in PAGES["countries"].items()
        ]
        setattr(home, f"countries_{language}", json.dumps(cards))
    home.countries = home.countries_fr
    home.save_revision().publish()


def _footer(home):
    site = Site.objects.get(root_page=home)
    footer = SiteFooter.for_site(site)
    if not footer.partners_text:
        for name, value in translated(**PAGES["footer"]).items():
            setattr(footer, name, value)
        footer.save()
