"""The public protocols page: signed and in-force protocols only, with their parties and dates,
in French, Arabic and English; one protocol's page shows names and functions of its
signatories and the text's SHA-256, never an address, a browser or a signature's hash."""

import re

import pytest
from django.utils.encoding import iri_to_uri
from django.utils.html import escape

from stakeholders import signing
from stakeholders.models import Protocol, ProtocolIndexPage, WorkingGroup

from .conftest import protocol_signatories

pytestmark = pytest.mark.django_db
Status = Protocol.Status
SLUGS = {"fr": "protocoles-d-accord", "ar": "مذكرات-التفاهم", "en": "signed-protocols"}


def text_of(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def index_url(language="fr"):
    return f"/{language}/{SLUGS[language]}/"


@pytest.fixture
def index_page(directory_page):
    """The protocols page beside the partners directory, under the same home page."""
    home = directory_page.get_parent()

    def text(name, fr, ar, en):
        return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}

    page = ProtocolIndexPage(
        **text("title", "Protocoles d'accord", "مذكرات التفاهم", "Signed protocols"),
        **text("slug", *SLUGS.values()),
        **text("introduction", "Les protocoles signés.", "المذكرات الموقعة.", "Signed ones."),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def protocols_by_status(make_protocol):
    return {status: make_protocol(status=status) for status in Status.values}


def test_index_lists_signed_and_in_force_protocols_only(client, index_page, protocols_by_status):
    page = client.get(index_url()).content.decode()

    for status, protocol in protocols_by_status.items():
        shown = status in (Status.SIGNED, Status.IN_FORCE)
        assert (protocol.reference in page) is shown, status
    assert "2 protocols" in text_of(client.get(index_url("en")))


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_index_shows_titles_parties_and_dates_in_each_language(
    client, index_page, make_protocol, language
):
    protocol = make_protocol(signatories=2, status=Status.IN_FORCE)

    response = client.get(index_url(language))

    page = response.content.decode()
    assert response.status_code == 200
    assert escape(getattr(protocol, f"title_{language}")) in page
    for signatory in protocol_signatories(protocol):
        assert getattr(signatory.party.organisation, f"name_{language}") in page
    assert f'datetime="{protocol.signed_on:%Y-%m-%d}"' in page
    assert f'datetime="{protocol.entry_into_force:%Y-%m-%d}"' in page
    assert f'href="{iri_to_uri(index_url(language))}{protocol.pk}/"' in page


def test_untranslated_title_falls_back_to_french_with_a_notice(client, index_page, make_protocol):
    protocol = make_protocol(status=Status.SIGNED)
    Protocol.objects.filter(pk=protocol.pk).update(title_en="")

    listing = client.get(index_url("en")).content.decode()
    detail = client.get(f"{index_url('en')}{protocol.pk}/").content.decode()

    assert escape(protocol.title_fr) in listing
    assert escape(protocol.title_fr) in detail
    assert "notice--fallback" in detail


def test_index_costs_the_same_queries_for_1_and_20_protocols(
    client, index_page, make_protocol, django_assert_max_num_queries, django_assert_num_queries
):
    make_protocol(signatories=2, status=Status.SIGNED)
    client.get(index_url())
    with django_assert_max_num_queries(60) as captured:
        client.get(index_url())
    with_one = len(captured)  # read now: the next request empties the connection's query log
    for _ in range(19):
        make_protocol(signatories=2, status=Status.SIGNED)
    client.get(index_url())  # a write: the site-wide parts are computed again

    with django_assert_num_queries(with_one):
        response = client.get(index_url())

    assert response.content.decode().count('class="card protocol-card"') == 12  # one page


def test_index_is_paginated(client, index_page, make_protocol):
    protocols = [make_protocol(status=Status.SIGNED) for _ in range(13)]

    first = client.get(index_url()).content.decode()
    second = client.get(index_url(), {"page": 2}).content.decode()

    assert 'href="?page=2"' in first
    shown = [p.reference for p in protocols if p.reference in first]
    assert len(shown) == 12
    assert [p.reference for p in protocols if p.reference in second] == [
        p.reference for p in protocols if p.reference not in first
    ]


def test_protocol_page_shows_signatories_names_and_the_text_hash_only(
    client, index_page, make_protocol, make_signatory_user
):
    protocol = make_protocol(signatories=2, status=Status.OPEN, languages=("fr", "ar"))
    first, second = protocol_signatories(protocol)
    signing.sign_in_platform(
        first,
        user=make_signatory_user(first),
        language="fr",
        place="Sfax",
        ip_address="198.51.100.23",
        agent="SecretBrowser/1.0",
    )
    signing.sign_in_platform(
        second,
        user=make_signatory_user(second),
        language="ar",
        place="Tunis",
        ip_address="198.51.100.24",
        agent="SecretBrowser/1.0",
    )

    response = client.get(f"{index_url('en')}{protocol.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert protocol.reference in page and protocol.title_en in page and protocol.summary_en in page
    for signatory in (first, second):
        assert str(signatory.person) in page
        assert signatory.person.name_ar in page
        assert signatory.title in page
        assert signatory.party.organisation.name_en in page
    for text in protocol.texts.all():
        assert text.sha256 in page
    assert "198.51.100" not in page
    assert "SecretBrowser" not in page
    assert "Sfax" not in page


def test_protocol_page_of_a_draft_or_open_protocol_is_missing(client, index_page, make_protocol):
    for status in (Status.DRAFT, Status.OPEN):
        protocol = make_protocol(status=status)
        assert client.get(f"{index_url()}{protocol.pk}/").status_code == 404
        assert client.get(f"{index_url()}{protocol.pk}/text/fr/").status_code == 404


def test_signed_text_downloads_from_the_public_page(client, index_page, make_protocol):
    protocol = make_protocol(status=Status.SIGNED)
    text = protocol.texts.get()

    response = client.get(f"{index_url('ar')}{protocol.pk}/text/fr/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == text.document.file.open("rb").read()


def test_protocol_page_links_its_ceremony_and_working_group(
    client, index_page, directory_page, make_protocol, make_person
):
    protocol = make_protocol(status=Status.SIGNED)
    # Any live page stands for the ceremony's workshop page (this app cannot import events).
    Protocol.objects.filter(pk=protocol.pk).update(signing_ceremony=directory_page)
    group = WorkingGroup.objects.create(
        protocol=protocol,
        name="Groupe de travail",
        name_fr="Groupe de travail",
        name_en="Working group",
        mandate_en="Harmonise migration statistics.",
    )
    listed = make_person("Nadia", "Publique", consents_to_listing=True)
    unlisted = make_person("Karim", "Discret", consents_to_listing=False)
    for person in (listed, unlisted):
        group.members.create(person=person, role="Membre")

    page = client.get(f"{index_url('en')}{protocol.pk}/").content.decode()

    ceremony = re.search(r'aria-labelledby="ceremony-title">(.*?)</aside>', page, re.S).group(1)
    assert '<a href="/en/directory/">Directory</a>' in ceremony
    assert "Working group" in page and "Harmonise migration statistics." in page
    assert "Nadia Publique" in page
    assert "Karim" not in page


def test_protocol_page_switches_language_on_the_same_protocol(client, index_page, make_protocol):
    protocol = make_protocol(status=Status.SIGNED)

    page = client.get(f"{index_url('fr')}{protocol.pk}/").content.decode()

    for language in ("ar", "en"):
        assert f"{iri_to_uri(index_url(language))}{protocol.pk}/" in page
