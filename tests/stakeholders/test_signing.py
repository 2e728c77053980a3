"""A designated signatory signs in the platform after a fresh TOTP reauthentication; staff record
wet-ink signatures; a signature is made once and never changed."""

import datetime
import threading

import pytest
from allauth.account import app_settings as account_settings
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder

from stakeholders.models import Protocol, ProtocolEvent, Signature
from tests.routes import route

from .conftest import protocol_signatories, totp_code

pytestmark = pytest.mark.django_db
Status = Protocol.Status
ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no SELECT … FOR UPDATE nor triggers here; the concurrency and the "
    "database-level refusal are PostgreSQL's (CI runs them with DATABASE_URL)",
)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
SIGN = {"place": "Tunis", "language": "fr", "confirm": "on"}
DESIGNATIONS_EN = route("stakeholders:protocol_designations", language="en")


def sign_url(signatory, language="fr"):
    return route("stakeholders:protocol_sign", signatory.pk, language=language)


def reauthenticate(client, user, next_url=None):
    """Confirms the second factor on allauth's reauthentication page (what a person does)."""
    url = "/fr/accounts/2fa/reauthenticate/"
    if next_url:
        url += f"?next={next_url}"
    return client.post(url, {"code": totp_code(user)})


def age_reauthentication(client, seconds):
    """Moves the session's authentication records `seconds` into the past."""
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= seconds
    session.save()


@pytest.fixture
def open_protocol(make_protocol):
    return make_protocol(signatories=2, status=Status.OPEN, languages=("fr", "ar"))


@pytest.fixture
def signatory(open_protocol):
    return protocol_signatories(open_protocol)[0]


@pytest.fixture
def signer(make_signatory_user, signatory):
    return make_signatory_user(signatory)


@pytest.fixture
def signer_client(client, signer):
    client.force_login(signer)
    return client


# ---------------------------------------------------------------- What a signatory sees


def test_signatory_sees_the_protocols_to_sign(signer_client, open_protocol, signatory):
    page = signer_client.get(DESIGNATIONS_EN).content.decode()

    assert open_protocol.title_en in page
    assert sign_url(signatory, "en") in page
    assert "Read and sign" in page


def test_protocols_to_sign_cost_the_same_queries_for_1_and_5_designations(
    client,
    make_protocol,
    make_person,
    make_signatory_user,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    person = make_person("Samia", "Exemple")
    signer = make_signatory_user(
        protocol_signatories(make_protocol(status=Status.OPEN, people=[person]))[0]
    )
    client.force_login(signer)
    client.get(DESIGNATIONS_EN)
    with django_assert_max_num_queries(40) as captured:
        client.get(DESIGNATIONS_EN)
    with_one = len(captured)  # read now: the next request empties the connection's query log
    for status in (Status.OPEN, Status.SIGNED, Status.IN_FORCE, Status.OPEN):
        make_protocol(status=status, people=[person])
    client.get(DESIGNATIONS_EN)  # a write: the site-wide parts are computed again

    with django_assert_num_queries(with_one):
        page = client.get(DESIGNATIONS_EN).content.decode()

    assert page.count('class="card protocol-card"') == 5


def test_signing_page_lets_the_signatory_download_each_text(signer_client, open_protocol):
    page = signer_client.get(sign_url(protocol_signatories(open_protocol)[0], "en"))

    for text in open_protocol.texts.all():
        url = route(
            "stakeholders:protocol_signing_text", open_protocol.pk, text.language, language="en"
        )
        assert url in page.content.decode()
        assert text.sha256 in page.content.decode()
        download = signer_client.get(url)
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        assert b"".join(download.streaming_content) == text.document.file.open("rb").read()


def test_anonymous_visitor_is_sent_to_log_in(client, signatory):
    response = client.get(sign_url(signatory))

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_someone_elses_designation_or_protocol_is_a_404(
    client, make_user, make_signatory_user, make_protocol, open_protocol, make_affiliation
):
    other_signatory = protocol_signatories(open_protocol)[1]
    stranger = make_user(email="stranger@example.org")
    elsewhere = protocol_signatories(make_protocol(status=Status.OPEN))[0]
    signer_elsewhere = make_signatory_user(elsewhere)
    focal_point = make_user(email="focal@example.org")
    affiliation = make_affiliation(
        organisation=other_signatory.party.organisation, is_focal_point=True
    )
    affiliation.person.user = focal_point
    affiliation.person.save()
    TOTP.activate(focal_point, generate_totp_secret())  # focal points must have it

    for user in (stranger, signer_elsewhere, focal_point):
        client.force_login(user)
        assert client.get(sign_url(other_signatory)).status_code == 404
        response = client.post(sign_url(other_signatory), SIGN)
        assert response.status_code == 404
    client.force_login(signer_elsewhere)
    assert (
        client.get(route("stakeholders:protocol_signing_text", open_protocol.pk, "fr")).status_code
        == 404
    )
    assert not Signature.objects.exists()


def test_draft_protocol_is_not_shown_to_its_signatory(client, make_protocol, make_signatory_user):
    signatory = protocol_signatories(make_protocol())[0]
    client.force_login(make_signatory_user(signatory))

    assert client.get(sign_url(signatory)).status_code == 404
    assert (
        signatory.party.protocol.title_fr
        not in client.get(route("stakeholders:protocol_designations")).content.decode()
    )


def test_signatory_without_totp_is_sent_to_set_it_up(client, signatory, make_signatory_user):
    client.force_login(make_signatory_user(signatory, totp=False))

    for response in (client.get(sign_url(signatory)), client.post(sign_url(signatory), SIGN)):
        assert response.status_code == 302
        assert response["Location"] == "/fr/accounts/2fa/totp/activate/"
    assert not Signature.objects.exists()


# ---------------------------------------------------------------- Signing


def test_signing_asks_for_totp_then_records_the_signature(
    signer_client, signer, signatory, open_protocol
):
    response = signer_client.post(
        sign_url(signatory), SIGN, headers={"user-agent": BROWSER}, REMOTE_ADDR="198.51.100.7"
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/2fa/reauthenticate/?" + urlencode(
        {"next": sign_url(signatory)}
    )
    assert not Signature.objects.exists()

    response = reauthenticate(signer_client, signer, next_url=sign_url(signatory))

    assert response.status_code == 302
    assert response["Location"] == sign_url(signatory)
    signature = Signature.objects.get()
    text = open_protocol.texts.get(language="fr")
    assert signature.signatory == signatory
    assert signature.method == Signature.Method.PLATFORM
    assert (signature.place, signature.ip_address) == ("Tunis", "198.51.100.7")
    assert signature.user_agent == BROWSER
    assert (signature.text, signature.text_sha256) == (text, text.sha256)
    assert signature.signed_by == signer
    assert timezone.now() - signature.signed_at < datetime.timedelta(minutes=1)
    event = ProtocolEvent.objects.filter(protocol=open_protocol).last()
    assert (event.action, event.actor) == ("signature", signer)
    assert event.data["text_sha256"] == text.sha256
    page = signer_client.get(sign_url(signatory, "en")).content.decode()
    assert 'class="protocol-signed"' in page
    assert "protocol-sign-form" not in page


def test_a_reauthentication_older_than_the_window_is_asked_again(signer_client, signer, signatory):
    reauthenticate(signer_client, signer)
    age_reauthentication(signer_client, account_settings.REAUTHENTICATION_TIMEOUT + 1)

    response = signer_client.post(sign_url(signatory), SIGN)

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/2fa/reauthenticate/")
    assert not Signature.objects.exists()


def test_a_recent_reauthentication_signs_at_once(signer_client, signer, signatory):
    reauthenticate(signer_client, signer)
    age_reauthentication(signer_client, account_settings.REAUTHENTICATION_TIMEOUT - 30)

    response = signer_client.post(sign_url(signatory), {**SIGN, "language": "ar"})

    assert response.status_code == 302
    assert response["Location"] == sign_url(signatory)
    assert Signature.objects.get().text.language == "ar"


def test_a_password_reauthentication_is_not_enough_to_sign(
    signer_client, signer, signatory, password
):
    signer_client.post("/fr/accounts/reauthenticate/", {"password": password})

    response = signer_client.post(sign_url(signatory), SIGN)

    assert response["Location"].startswith("/fr/accounts/2fa/reauthenticate/")
    assert not Signature.objects.exists()


def test_form_errors_are_clear_and_keep_what_was_typed(signer_client, signatory):
    response = signer_client.post(
        sign_url(signatory, "en"), {"place": "Sfax", "language": "fr", "confirm": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box to confirm that you have read the text." in page
    assert 'value="Sfax"' in page
    assert '<option value="fr" selected>' in page
    response = signer_client.post(sign_url(signatory, "en"), {"language": "es", "confirm": "on"})
    page = response.content.decode()
    assert "Say where you are signing." in page
    assert "This protocol has no text in that language." in page
    assert not Signature.objects.exists()


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(
    signer_client, signer, signatory, open_protocol, make_signatory_user, settings
):
    forwarded = {"x-forwarded-for": "203.0.113.9, 192.0.2.44"}
    reauthenticate(signer_client, signer)
    signer_client.post(sign_url(signatory), SIGN, headers=forwarded, REMOTE_ADDR="10.0.0.2")
    assert Signature.objects.get(signatory=signatory).ip_address == "10.0.0.2"

    settings.AMEM_TRUSTED_PROXIES = 1
    other = protocol_signatories(open_protocol)[1]
    other_signer = make_signatory_user(other)
    client = Client()
    client.force_login(other_signer)
    reauthenticate(client, other_signer)
    client.post(sign_url(other), SIGN, headers=forwarded, REMOTE_ADDR="10.0.0.2")

    # The address our one proxy saw: the last one; the first was written by the client.
    assert Signature.objects.get(signatory=other).ip_address == "192.0.2.44"


def test_a_text_whose_file_changed_cannot_be_signed(signer_client, signer, signatory):
    text = signatory.party.protocol.texts.get(language="fr")
    with text.document.file.storage.open(text.document.file.name, "wb") as stored:
        stored.write(b"%PDF-1.4\n% a different text\n")
    reauthenticate(signer_client, signer)

    response = signer_client.post(sign_url(signatory, "en"), {**SIGN, "place": "Gabès"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "The file of this text has changed" in page
    assert 'value="Gabès"' in page
    assert not Signature.objects.exists()


def test_a_signatory_signs_only_once(signer_client, signer, signatory):
    reauthenticate(signer_client, signer)
    signer_client.post(sign_url(signatory), SIGN)

    page = signer_client.get(sign_url(signatory, "en")).content.decode()
    second = signer_client.post(sign_url(signatory), {**SIGN, "place": "Sousse"})

    assert "Sign the protocol" not in page
    assert second.status_code == 200
    assert Signature.objects.get().place == "Tunis"


def test_the_last_signature_in_the_platform_signs_the_protocol(
    client, open_protocol, make_signatory_user
):
    for signatory in protocol_signatories(open_protocol):
        user = make_signatory_user(signatory)
        client.force_login(user)
        reauthenticate(client, user)
        assert client.post(sign_url(signatory), SIGN).status_code == 302

    open_protocol.refresh_from_db()
    assert open_protocol.status == Status.SIGNED
    assert open_protocol.signed_on == timezone.localdate()
    page = client.get(sign_url(signatory, "en")).content.decode()
    assert route("stakeholders:protocol_certificate", open_protocol.pk, language="en") in page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_concurrent_sign_requests_of_one_signatory_create_one_signature(
    signer_client, signer, signatory
):
    reauthenticate(signer_client, signer)
    cookies = signer_client.cookies
    barrier = threading.Barrier(10)
    statuses = []

    def sign():
        try:
            client = Client()
            client.cookies = cookies
            barrier.wait()
            statuses.append(client.post(sign_url(signatory), SIGN).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Signature.objects.filter(signatory=signatory).count() == 1
    assert sorted(statuses) == [200] * 9 + [302]
    events = ProtocolEvent.objects.filter(protocol=signatory.party.protocol, action="signature")
    assert events.count() == 1


# ---------------------------------------------------------------- Wet ink, in the admin


def test_staff_record_a_wet_ink_signature_with_a_scan(client, protocol_staff, signatory):
    client.force_login(protocol_staff)
    protocol = signatory.party.protocol
    url = f"/admin/protocols/{protocol.pk}/signatories/{signatory.pk}/wet-ink/"
    assert (
        "Record a wet-ink signature"
        in client.get(f"/admin/protocols/inspect/{protocol.pk}/").content.decode()
    )
    scan = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    response = client.post(
        url,
        {"signed_at": "2025-03-12 11:30", "place": "Tunis", "language": "fr", "scan": scan},
    )

    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.method == Signature.Method.WET_INK
    assert signature.recorded_by == protocol_staff
    assert signature.signed_by is None and signature.ip_address is None
    assert timezone.localtime(signature.signed_at).strftime("%Y-%m-%d %H:%M") == "2025-03-12 11:30"
    assert signature.scan.visibility == "staff"
    assert signature.text_sha256 == protocol.texts.get(language="fr").sha256
    assert ProtocolEvent.objects.filter(protocol=protocol).last().data["scan"] == signature.scan.pk


def test_wet_ink_scan_must_be_a_pdf_or_an_image_and_not_in_the_future(
    client, protocol_staff, signatory
):
    client.force_login(protocol_staff)
    protocol = signatory.party.protocol
    url = f"/admin/protocols/{protocol.pk}/signatories/{signatory.pk}/wet-ink/"
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    scan = SimpleUploadedFile("scan.exe", b"MZ\x90\x00")

    response = client.post(
        url, {"signed_at": tomorrow, "place": "Tunis", "language": "fr", "scan": scan}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload a file of one of these types: jpeg, jpg, pdf, png." in page
    assert "A signature cannot be dated in the future." in page
    assert not Signature.objects.exists()


# ---------------------------------------------------------------- Never changed, never deleted


@pytest.fixture
def signature(signer_client, signer, signatory):
    reauthenticate(signer_client, signer)
    signer_client.post(sign_url(signatory), SIGN)
    return Signature.objects.get()


def test_a_signature_is_never_changed_nor_deleted_by_the_models(signature):
    signature.place = "Ailleurs"
    with pytest.raises(PermissionError):
        signature.save()
    with pytest.raises(PermissionError):
        signature.delete()
    with pytest.raises(PermissionError):
        Signature.objects.filter(pk=signature.pk).update(place="Ailleurs")
    with pytest.raises(PermissionError):
        Signature.objects.filter(pk=signature.pk).delete()

    assert Signature.objects.get().place == "Tunis"


@ONLY_POSTGRESQL
def test_a_signature_is_never_changed_nor_deleted_in_the_database(signature):
    for statement in (
        "UPDATE stakeholders_signature SET place = 'Ailleurs' WHERE id = %s",
        "DELETE FROM stakeholders_signature WHERE id = %s",
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [signature.pk])

    assert Signature.objects.get().place == "Tunis"


def test_no_admin_edits_or_deletes_a_signature(signature, client, make_admin_user):
    superuser = make_admin_user(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    protocol = signature.signatory.party.protocol

    page = client.get(f"/admin/protocols/inspect/{protocol.pk}/").content.decode()

    assert AdminURLFinder(superuser).get_edit_url(signature) is None
    assert signature.text_sha256 in page
    assert f"/signatories/{signature.signatory_id}/wet-ink/" not in page
