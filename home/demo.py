"""Builds the demo site from the project's seed (shared/seeds): a page is created once, never
overwritten, so running the loader again changes nothing and keeps what editors changed.

Here: the home page, the content pages, news and press releases, publications. The workshops are
events/demo.py's, the organisations stakeholders/demo.py's; `manage.py load_demo` runs all three.
"""

import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page, Site

from .demo_content import COUNTRIES, FOOTER, HOME, PAGES
from .demo_publishing_content import NEWS, NEWS_INDEX, PUBLICATION_INDEX, PUBLICATIONS
from .models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    SiteFooter,
)

LANGUAGES = ("fr", "ar", "en")
DEMO_ADMIN = ("admin@amem.local", "amem-demo")


def translated(**fields):
    """{"title": {"fr": .., "ar": .., "en": ..}} -> {"title": fr, "title_fr": .., ...}"""
    values = {}
    for name, by_language in fields.items():
        for language in LANGUAGES:
            value = by_language[language]
            # Stream fields take Wagtail's raw JSON form.
            values[f"{name}_{language}"] = json.dumps(value) if isinstance(value, list) else value
        values[name] = values[f"{name}_fr"]
    return values


@transaction.atomic
def load():
    """Creates what is missing; returns how many pages it created."""
    with translation.override("fr"):
        home, home_created = _home_page()
        count = int(home_created)
        for spec in PAGES:
            page, created = _content_page(home, spec)
            count += created
            for child in spec.get("children", ()):
                count += _content_page(page, child)[1]
        if home_created:
            _link_countries(home)
        _footer(home)
        count += _news(home) + _publications(home)
    return count


def create_child(parent, model, text, **attributes):
    """The `model` child of `parent` whose French slug is text["slug"]["fr"]: found, or created
    and published from `text` (translated fields, see `translated`) and plain `attributes`.

    Returns (page, created). Call it with French active, so that `title` and `slug` are French.
    """
    existing = model.objects.child_of(parent).filter(slug_fr=text["slug"]["fr"]).first()
    if existing is not None:
        return existing, False
    page = model(**translated(**text), **attributes)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_demo_admin():
    email, password = DEMO_ADMIN
    User = get_user_model()
    if not User.objects.filter(email=email).exists():
        User.objects.create_superuser(email=email, password=password, first_name="Admin")
    user = User.objects.get(email=email)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


def _home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    home = HomePage(**translated(**HOME))
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
    index, created = create_child(home, NewsIndexPage, NEWS_INDEX, show_in_menus=True)
    count = int(created)
    for spec in NEWS:
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
    """The publications index (in the menu) and its publications, without files."""
    index, created = create_child(home, PublicationIndexPage, PUBLICATION_INDEX, show_in_menus=True)
    count = int(created)
    for spec in PUBLICATIONS:
        _page, created = create_child(
            index,
            PublicationPage,
            spec["text"],
            kind=spec["kind"],
            country=spec["country"],
            axis=spec["axis"],
            year=_days_ago(spec["days_ago"]).year,
        )
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
            for code, text in COUNTRIES.items()
        ]
        setattr(home, f"countries_{language}", json.dumps(cards))
    home.countries = home.countries_fr
    home.save_revision().publish()


def _footer(home):
    site = Site.objects.get(root_page=home)
    footer = SiteFooter.for_site(site)
    if not footer.partners_text:
        for name, value in translated(**FOOTER).items():
            setattr(footer, name, value)
        footer.save()
