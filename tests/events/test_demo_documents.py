"""The demo shows a visa letter and a signed certificate: its past Tunisian workshop gives visa
letters, one of its participants asked for one, and its signatory is filled. Demo tests only
(the demo is loaded once for the module)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from wagtail.images import get_image_model

from events import participant_documents as documents
from events.models import EventPage
from tests.events.test_participant_documents import pdf_text

PAST = "presentation-etude-systemes-collecte-donnees-migration-travail-tunisie"


@pytest.fixture
def past(demo_loaded, db):
    return EventPage.objects.get(slug_fr=PAST)


def url(name, registration, language):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs={"token": registration.token})


def test_one_demo_participant_of_the_past_workshop_has_a_visa_letter(client, past):
    [asking] = past.registrations.filter(wants_invitation_letter=True)
    assert past.invitation_letters_enabled and documents.invitation_letter_available(asking)
    language = asking.preferred_language
    letter = url("invitation_letter", asking, language)

    manage = client.get(url("manage", asking, language))

    assert f'href="{letter}"'.encode() in manage.content
    _text, poppler = pdf_text(client.get(letter))
    assert asking.full_name in poppler and asking.passport_number in poppler


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_demo_certificate_carries_the_signature_block(client, past, language):
    attended = past.registrations.filter(attendances__isnull=False).first()

    response = client.get(url("certificate", attended, language))

    text, poppler = pdf_text(response)
    with translation.override(language):
        title = past.signatory_title
    assert past.signatory_name in poppler
    # The Arabic title holds "AMEM", which a PDF gives back out of order: its last Arabic words.
    assert title.split("،")[-1].strip() in " ".join(text.split())
    [image] = [
        image for page in PdfReader(io.BytesIO(response.content)).pages for image in page.images
    ]
    assert image.image.mode == "RGBA"


def test_loading_the_demo_again_adds_no_signature_image(past):
    images = get_image_model().objects.count()
    revision = past.latest_revision_id

    call_command("load_demo", stdout=io.StringIO())

    assert get_image_model().objects.count() == images
    past.refresh_from_db()
    assert past.latest_revision_id == revision and past.signature_image_id is not None
