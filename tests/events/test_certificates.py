"""A participant's documents are in the language of the page they are downloaded from, and the
certificates and letters carry the signature block staff filled on the workshop. Real PDFs."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images import get_image_model

from events.models import Attendance
from tests.events.test_participant_documents import pdf_text as raw_pdf_text
from tests.events.test_participant_documents import staff_factory, translated

pytestmark = pytest.mark.django_db

TITLE_FR = "Atelier national sur les statistiques de la migration de travail"
TITLE_AR = "ورشة وطنية حول إحصاءات هجرة العمل"
SIGNATORY = "Nadia Benali"
SIGNATORY_TITLE = {
    "fr": "Coordonnatrice du projet AMEM",
    "ar": "منسقة المشروع في منظمة العمل الدولية",
    "en": "AMEM Project Coordinator",
}


@pytest.fixture
def workshop(open_workshop):
    return open_workshop(
        invitation_letters_enabled=True, title_fr=TITLE_FR, title=TITLE_FR, title_ar=TITLE_AR
    )


def participant(workshop, make_registration, language):
    """A confirmed participant preferring `language`, who asked for a letter and came."""
    registration = make_registration(
        workshop,
        first_name="Amina",
        last_name="Trabelsi",
        first_name_ar="أمينة",
        last_name_ar="الطرابلسي",
        preferred_language=language,
        nationality="MA",
        passport_number="TN1234567",
        wants_invitation_letter=True,
    )
    Attendance.objects.create(registration=registration, day=workshop.start_date)
    return registration


def pdf_text(response):
    """pypdf's and Poppler's texts, white space collapsed: a long title wraps."""
    return tuple(" ".join(text.split()) for text in raw_pdf_text(response))


def document_url(name, registration, language):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs={"token": registration.token})


def signature_png(size=(300, 100)):
    """A stroke on a transparent background, as a scanned signature should be."""
    image = PillowImage.new("RGBA", size, (0, 0, 0, 0))
    for x in range(20, 280):
        image.putpixel((x, 50 + (x % 20)), (20, 40, 110, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def sign(workshop):
    image = get_image_model().objects.create(
        title="Signature", file=ImageFile(io.BytesIO(signature_png()), name="signature.png")
    )
    workshop.signatory_name = SIGNATORY
    for language, title in SIGNATORY_TITLE.items():
        setattr(workshop, f"signatory_title_{language}", title)
    workshop.signature_image = image
    workshop.save()


def page_images(response):
    return [
        image for page in PdfReader(io.BytesIO(response.content)).pages for image in page.images
    ]


# The page's language, not the participant's

KICKERS = {
    "certificate": "Certificate of attendance",
    "invitation_letter": "Invitation letter for a visa application",
    "badge": None,
}


@pytest.mark.parametrize("name", KICKERS)
@pytest.mark.parametrize(("preferred", "page"), [("fr", "ar"), ("ar", "fr")])
def test_document_is_in_the_language_of_the_page_it_is_downloaded_from(
    client, workshop, make_registration, name, preferred, page
):
    registration = participant(workshop, make_registration, preferred)

    response = client.get(document_url(name, registration, page))

    text, poppler = pdf_text(response)
    shown, other = (TITLE_AR, TITLE_FR) if page == "ar" else (TITLE_FR, TITLE_AR)
    assert shown in text and shown in poppler
    assert other not in text
    if KICKERS[name]:
        assert translated(KICKERS[name], page) in poppler
        assert translated(KICKERS[name], preferred) not in poppler
    if name != "badge":
        assert f"-{page}.pdf" in response["Content-Disposition"]


def test_certificate_from_the_arabic_page_for_a_french_speaker_names_them_in_arabic(
    client, workshop, make_registration
):
    registration = participant(workshop, make_registration, "fr")

    text, _poppler = pdf_text(client.get(document_url("certificate", registration, "ar")))

    for expected in ("أمينة الطرابلسي", TITLE_AR, translated("Certificate of attendance", "ar")):
        assert expected in text, expected
    assert translated("Certificate of attendance", "fr") not in text


def test_manage_page_links_the_documents_in_its_own_language(client, workshop, make_registration):
    registration = participant(workshop, make_registration, "fr")

    response = client.get(document_url("manage", registration, "ar"))

    content = response.content.decode()
    for name in KICKERS:
        assert f'href="{document_url(name, registration, "ar")}"' in content, name
    assert document_url("certificate", registration, "ar").startswith("/ar/")


# The signature block staff fill on the workshop


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_certificate_carries_the_workshop_signature_in_the_page_language(
    client, workshop, make_registration, language
):
    registration = participant(workshop, make_registration, "fr")
    sign(workshop)

    response = client.get(document_url("certificate", registration, language))

    text, _poppler = pdf_text(response)
    assert SIGNATORY in text
    assert SIGNATORY_TITLE[language] in text
    assert [t for lang, t in SIGNATORY_TITLE.items() if lang != language and t in text] == []
    [image] = page_images(response)
    # The scan as uploaded, its transparency kept (an alpha channel, not a white box).
    assert image.image.size == (300, 100)
    assert image.image.mode in ("RGBA", "LA")
    assert translated("Signature and stamp", language) not in text


def test_visa_letter_is_signed_by_the_same_signatory(client, workshop, make_registration):
    registration = participant(workshop, make_registration, "ar")
    sign(workshop)

    response = client.get(document_url("invitation_letter", registration, "ar"))

    text, _poppler = pdf_text(response)
    assert SIGNATORY in text and SIGNATORY_TITLE["ar"] in text
    assert len(page_images(response)) == 1


def test_certificate_without_a_signatory_has_no_empty_signature_box(
    client, workshop, make_registration
):
    registration = participant(workshop, make_registration, "fr")

    response = client.get(document_url("certificate", registration, "fr"))

    text, poppler = pdf_text(response)
    assert translated("Signature and stamp", "fr") not in poppler
    assert translated("For the AMEM project team", "fr") in poppler
    assert page_images(response) == []


def test_signatory_without_an_image_prints_name_and_title_only(client, workshop, make_registration):
    registration = participant(workshop, make_registration, "fr")
    workshop.signatory_name = SIGNATORY
    workshop.signatory_title_fr = SIGNATORY_TITLE["fr"]
    workshop.save()

    # Arabic page, French title only: modeltranslation falls back to French.
    response = client.get(document_url("certificate", registration, "ar"))

    text, _poppler = pdf_text(response)
    assert SIGNATORY in text and SIGNATORY_TITLE["fr"] in text
    assert page_images(response) == []


def test_staff_fill_the_signature_in_the_workshop_certificates_tab(client, workshop, make_user):
    client.force_login(staff_factory(make_user)(workshop))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[workshop.pk]))

    content = response.content.decode()
    assert translated("Certificates", "fr") in content
    for field in ("signatory_name", "signatory_title_fr", "signatory_title_ar", "signature_image"):
        assert f'name="{field}"' in content, field
