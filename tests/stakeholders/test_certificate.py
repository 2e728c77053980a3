"""The signature certificate: a PDF of its own listing the protocol, its parties, each
signatory's names in both scripts, method, time, place, address and the SHA-256 of the text
signed; for staff, the protocol's signatories and its parties' focal points only."""

import io
import re
import shutil
import subprocess

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from pypdf import PdfReader

from amem.demo import protocols as demo_protocols
from stakeholders.models import Protocol
from tests.routes import route

from .conftest import ARABIC_ORDINALS, protocol_signatories

pytestmark = pytest.mark.django_db
Status = Protocol.Status


def pdf_text(response):
    """Poppler's text of the PDF, in logical order, without the marks it wraps RTL runs in."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - found on PATH above
        input=response.content,
        capture_output=True,
        check=True,
    )
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())


def pypdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return flat("\n".join(page.extract_text() for page in reader.pages))


def flat(text):
    return " ".join(text.split())


@pytest.fixture
def signed_protocol(make_protocol):
    return make_protocol(signatories=3, status=Status.SIGNED, languages=("fr", "ar"))


@pytest.fixture
def staff_client(client, protocol_staff):
    client.force_login(protocol_staff)
    return client


def certificate_url(protocol, language):
    return f"/admin/protocols/{protocol.pk}/certificate/{language}/"


def test_certificate_lists_every_signatory_with_the_hash_of_the_text_signed(
    staff_client, signed_protocol
):
    response = staff_client.get(certificate_url(signed_protocol, "en"))

    text = flat(pdf_text(response))
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title.startswith("Signature certificate")
    assert signed_protocol.reference in text
    assert signed_protocol.title_en in text
    for signatory in protocol_signatories(signed_protocol):
        signature = signatory.signature
        assert str(signatory.person) in text
        assert signatory.party.organisation.name_en in text
        assert signature.text_sha256 in text
        assert "Wet-ink signature recorded by staff" in text
    assert "UTC+0100 (Tunis time)" in text
    assert "Tunis" in text
    assert "The chain of hashes is intact." in text
    assert response["Content-Disposition"].startswith("attachment")


def test_platform_signature_certificate_shows_the_address(
    staff_client, make_protocol, make_signatory_user
):
    from stakeholders import signing

    protocol = make_protocol(status=Status.OPEN)
    signatory = protocol_signatories(protocol)[0]
    user = make_signatory_user(signatory)
    signing.sign_in_platform(
        signatory, user=user, language="fr", place="Sfax", ip_address="2001:db8::7", agent="UA"
    )

    text = flat(pdf_text(staff_client.get(certificate_url(protocol, "fr"))))

    assert "2001:db8::7" in text
    assert "Sfax" in text


def test_arabic_certificate_reads_the_arabic_names_in_logical_order(staff_client, signed_protocol):
    response = staff_client.get(certificate_url(signed_protocol, "ar"))

    # pypdf: poppler's pdftotext puts the letters of the lam-alef ligature (لأ) the wrong way
    # round, whatever the PDF says; the rest of its text is checked below.
    text = pypdf_text(response)
    poppler = flat(pdf_text(response))
    assert "مذكرة تفاهم تجريبية" in text  # the title, in logical order
    for index, signatory in enumerate(protocol_signatories(signed_protocol)):
        name = f"الموقع {ARABIC_ORDINALS[index]}"
        assert signatory.person.name_ar == name
        assert name in text
        assert name[::-1] not in text
        assert str(signatory.person) in poppler
        assert signatory.signature.text_sha256 in poppler


def test_demo_certificate_in_arabic_names_its_signatories_in_both_scripts(staff_client):
    demo_protocols.load()
    protocol = Protocol.objects.get(reference=demo_protocols.REFERENCE)

    response = staff_client.get(certificate_url(protocol, "ar"))

    text = pypdf_text(response)
    for name in (
        "ممثل منظمة العمل الدولية",
        "ممثل المعهد الوطني للإحصاء",
        "ممثل وزارة التشغيل والتكوين المهني",
    ):
        assert name in text
    poppler = flat(pdf_text(response))
    for signatory in protocol_signatories(protocol):
        assert str(signatory.person) in poppler
        assert signatory.signature.text_sha256 in poppler
    assert "ممثل وزارة التشغيل والتكوين المهني" in poppler  # a name without lam-alef


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_signatory_downloads_the_certificate_in_the_language_of_the_url(
    client, signed_protocol, make_signatory_user, language
):
    signatory = protocol_signatories(signed_protocol)[0]
    client.force_login(make_signatory_user(signatory))

    response = client.get(
        route("stakeholders:protocol_certificate", signed_protocol.pk, language=language)
    )

    text = flat(pdf_text(response))
    # Its words: poppler puts a number that ends an Arabic line before it.
    title = getattr(signed_protocol, f"title_{language}")
    assert title.rstrip("0123456789 ") in text
    assert signatory.signature.text_sha256 in text


def test_only_staff_signatories_and_the_parties_focal_points_get_the_certificate(
    client, signed_protocol, make_user, make_signatory_user, make_affiliation, make_protocol
):
    url = route("stakeholders:protocol_certificate", signed_protocol.pk, language="en")
    party_organisation = protocol_signatories(signed_protocol)[1].party.organisation

    def focal_point_of(organisation, email):
        user = make_user(email=email)
        TOTP.activate(user, generate_totp_secret())
        affiliation = make_affiliation(organisation=organisation, is_focal_point=True)
        affiliation.person.user = user
        affiliation.person.save()
        return user

    allowed = [
        make_signatory_user(protocol_signatories(signed_protocol)[0]),
        focal_point_of(party_organisation, "focal.party@example.org"),
    ]
    refused = [
        make_user(email="someone@example.org"),
        focal_point_of(None, "focal.other@example.org"),
        make_signatory_user(protocol_signatories(make_protocol(status=Status.SIGNED))[0]),
    ]
    for user in allowed:
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url)["Location"].startswith("/en/accounts/login/")


def test_no_certificate_before_the_protocol_is_signed(
    staff_client, make_protocol, make_signatory_user
):
    protocol = make_protocol(signatories=2, status=Status.OPEN)
    client = Client()
    client.force_login(make_signatory_user(protocol_signatories(protocol)[0]))

    assert client.get(route("stakeholders:protocol_certificate", protocol.pk)).status_code == 404
    response = staff_client.get(certificate_url(protocol, "fr"), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "A certificate exists once the protocol is signed." in response.content.decode()
