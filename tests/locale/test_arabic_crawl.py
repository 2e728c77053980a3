"""The Arabic site speaks Arabic: crawled through the test client over the whole demo, its pages
hold no French or English word outside content that says, with its own `lang`, which language it
is written in (a partner's own text, a fallback to French). The country report and the protocol
certificate, in Arabic, hold no French label either: their Latin words are those of the content
they mark as another language's (the partners' narratives, the signatories' names and titles).

The crawl starts from every live page and the account pages, follows the site's own /ar/ links
breadth-first, and reads each page's text (and its alt, title, aria-label and placeholder texts)
without scripts, styles and elements whose `lang` is not Arabic. What may stay in Latin script:
the project's name, file formats, emails, web addresses, references and codes (with a digit).

This module holds demo tests only (the `demo_loaded` fixture, see tests/conftest.py).
"""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

# Formats, named as they are in Arabic too ("ics" is ".ics" without its dot).
ALLOWED = {
    "AMEM",
    "PDF",
    "CSV",
    "JSON",
    "ICS",
    "ics",
    "RSS",
    "Atom",
    "DOCX",
    "XLSX",
    "ODT",
    "PNG",
    "JPEG",
}
LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
EMAIL_OR_URL = re.compile(r"\S+@\S+\.\w+|\b(?:https?://|www\.)\S+")
# Punctuation around a word, Arabic and Latin.
EDGES = "()[]«»\"“”‘’'.,;:!?،؛؟…·/—–-*"
MAX_PAGES = 300
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SKIPPED = re.compile(r"logout|/accounts/(?:confirm-email|password/reset/key)/|\.\w{2,4}$")


class PageText(HTMLParser):
    """A page's Arabic text (elements in another language left out) and its links."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, left out) of each element not yet closed
        self.text, self.links, self.french = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        lang = attrs.get("lang")
        self.french += lang == "fr"
        other = lang is not None and not lang.startswith("ar")
        left_out = tag in ("script", "style", "template") or other or self.left_out
        if not left_out:
            self.text += [
                attrs[a] for a in ("alt", "title", "aria-label", "placeholder") if attrs.get(a)
            ]
        if tag not in VOID:
            self.open.append((tag, left_out))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not self.left_out:
            self.text.append(data)

    @property
    def left_out(self):
        return bool(self.open) and self.open[-1][1]


def latin_words(text):
    """The Latin-script words of `text` that are not allowed in an Arabic page."""
    words = set()
    for token in EMAIL_OR_URL.sub(" ", text).split():
        word = token.strip(EDGES)
        if LATIN.search(word) and word not in ALLOWED and not re.search(r"\d", word):
            words.add(word)
    return words


def page_key(path):
    """What makes a page new to the crawl. Filters combined show, in the same template, the rows
    that each of them shows alone: each filter value is read alone, and each combination of
    filters once, whatever the order and the values (the lists link to hundreds of them)."""
    parts = urlsplit(path)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return parts.path, tuple(query) if len(query) < 2 else tuple(name for name, _ in query)


def crawl(client, start, seen):
    """{Latin word: first path where it was found}, and how many pages carry lang="fr"."""
    found, french_pages, queue = {}, 0, deque(start)
    while queue and len(seen) < MAX_PAGES:
        path = unquote(queue.popleft())
        if page_key(path) in seen:
            continue
        seen.add(page_key(path))
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = PageText()
        page.feed(response.content.decode())
        french_pages += page.french > 0
        for word in latin_words(" ".join(page.text)):
            found.setdefault(word, path)
        for link in page.links:
            parts = urlsplit(link)
            if (
                not parts.netloc
                and parts.path.startswith("/ar/")
                and not SKIPPED.search(parts.path)
            ):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found, french_pages


def _participant():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from events.models import Registration

    email = "participant.ar@example.org"
    user = get_user_model().objects.create_user(
        email=email, first_name="أمينة", last_name="بن صالح"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    registration = Registration.objects.exclude(event__registration_mode="open").first()
    Registration.objects.filter(pk=registration.pk).update(user=user, email=email)
    return user


def _focal_point():
    """The demo focal point, with TOTP set up: focal points reach the partner space only so."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from amem.demo import DEMO_FOCAL_POINT

    user = get_user_model().objects.get(email=DEMO_FOCAL_POINT[0])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture(scope="module")
def crawled(demo_loaded, django_db_blocker):
    """What the crawl found: the account pages as a visitor, the site as a participant, then
    what only the focal point reaches (the partner space, the dashboard)."""
    from django.urls import reverse
    from wagtail.models import Page

    with django_db_blocker.unblock(), translation.override("ar"):
        pages = [page.specific.url for page in Page.objects.live().filter(depth__gt=1)]
        accounts = [
            reverse(name) for name in ("account_login", "account_signup", "account_reset_password")
        ]
        partner = [
            reverse("stakeholders:partner_space:home"),
            reverse("stakeholders:dashboard:home"),
        ]
        participant_pages = [reverse("events:my_registrations"), reverse("events:my_data")]
        seen, found, french_pages = set(), {}, 0
        for who, start in (
            (None, accounts),
            (_participant(), pages + participant_pages),
            (_focal_point(), partner),
        ):
            client = Client()
            if who is not None:
                client.force_login(who)
            words, french = crawl(client, start, seen)
            found.update({word: path for word, path in words.items() if word not in found})
            french_pages += french
    translation.activate("fr")
    return found, french_pages, seen


def test_arabic_pages_hold_no_latin_word_outside_marked_content(crawled):
    found, _french_pages, seen = crawled
    assert len(seen) > 100
    by_page = {}
    for word, path in sorted(found.items()):
        by_page.setdefault(path, []).append(word)
    assert by_page == {}, "\n".join(f"{path}: {' '.join(words)}" for path, words in by_page.items())


def test_french_content_in_arabic_pages_is_marked_french(crawled):
    """The demo's progress narratives and job titles exist in French only: they are there,
    marked."""
    _found, french_pages, _seen = crawled
    assert french_pages > 0


def test_django_password_errors_on_the_arabic_signup_are_arabic(client):
    """Django 5.2's "too short" message is missing from its Arabic catalogue: without ours,
    Arabic pages showed it in French (Django's fallback is LANGUAGE_CODE)."""
    response = client.post(
        "/ar/accounts/signup/",
        {"email": "new.ar@example.org", "password1": "a1b", "password2": "a1b"},
    )
    errors = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    page = PageText()
    page.feed(errors[1])
    assert "قصيرة جدًا" in errors[1]
    assert latin_words(" ".join(page.text)) == set()


def pdf_latin_words(response):
    """The Latin-script words of a PDF's text (pypdf), and whether it reads any Arabic."""
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # pypdf joins a run of one direction to the next without the space between them.
    text = re.sub("(?<=[\u0600-\u06ff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u0600-\u06ff])", " ", text)
    return latin_words(text), bool(re.search("[\u0600-\u06ff]", text))


def test_arabic_country_report_holds_no_french_but_the_narratives(demo_loaded, client):
    from stakeholders.models import ProgressUpdate, RecommendationTrackerPage

    with translation.override("ar"):
        tracker = RecommendationTrackerPage.objects.live().get()
        url = tracker.url + tracker.reverse_subpage("report", kwargs={"code": "tn"})
    narratives = ProgressUpdate.objects.filter(
        recommendation__country="TN", recommendation__is_public=True, review__decision="validated"
    ).exclude(language="ar")

    words, reads_arabic = pdf_latin_words(client.get(url))

    marked = latin_words(" ".join(update.narrative for update in narratives))
    assert reads_arabic
    assert words & marked  # the French narratives are there...
    assert words - marked == set()  # ...and nothing else in Latin script


def test_arabic_protocol_certificate_holds_no_french_but_names_titles_places(demo_loaded, client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from amem.demo import DEMO_ADMIN
    from stakeholders.models import Protocol, Signatory

    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    protocol = Protocol.objects.filter(parties__signatories__signature__isnull=False).first()
    signatories = Signatory.objects.filter(party__protocol=protocol)

    words, reads_arabic = pdf_latin_words(
        client.get(f"/admin/protocols/{protocol.pk}/certificate/ar/")
    )

    marked = latin_words(" ".join(f"{s.person} {s.title} {s.signature.place}" for s in signatories))
    assert reads_arabic
    assert words & marked
    assert words - marked == set()
