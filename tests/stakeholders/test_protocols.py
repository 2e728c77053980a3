"""A protocol's status moves only through the allowed transitions, each recorded; the admin runs
them; the demo protocol is signed and loads once."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation

from amem.demo import protocols as demo_protocols
from stakeholders import protocols, signing
from stakeholders.models import Organisation, Party, Person, Protocol, ProtocolEvent, Signatory

from .conftest import protocol_signatories

pytestmark = pytest.mark.django_db
Status = Protocol.Status
PDF = b"%PDF-1.4\n% a protocol text\n"


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The refusals' messages are read in English here (they follow the active language)."""
    translation.activate("en")


def status_changes(protocol):
    return [
        (event.data["from"], event.data["to"])
        for event in ProtocolEvent.objects.filter(protocol=protocol, action="status_changed")
    ]


def wet_ink(signatory, scan, when=None):
    return signing.record_wet_ink(
        signatory,
        recorded_by=None,
        signed_at=when or timezone.now() - datetime.timedelta(hours=1),
        place="Tunis",
        language="fr",
        scan=scan,
    )


# ---------------------------------------------------------------- Transitions


def test_new_protocol_is_a_draft_whose_creation_is_logged(make_protocol, protocol_staff):
    protocol = make_protocol(actor=protocol_staff)

    assert protocol.status == Status.DRAFT
    first = ProtocolEvent.objects.filter(protocol=protocol).order_by("pk").first()
    assert first.action == "created"
    assert first.actor == protocol_staff
    assert first.data["reference"] == protocol.reference


def test_opening_an_empty_protocol_is_refused_with_every_reason():
    protocol = protocols.create_protocol(actor=None, reference="P-EMPTY", title="Vide")

    with pytest.raises(protocols.ProtocolError) as refused:
        protocols.transition(protocol, Status.OPEN, actor=None)

    assert refused.value.messages == [
        "Add at least one party.",
        "Designate at least one signatory.",
        "Add the French text.",
    ]
    protocol.refresh_from_db()
    assert protocol.status == Status.DRAFT
    assert status_changes(protocol) == []


def test_opening_requires_a_french_text_even_with_others(make_protocol):
    protocol = make_protocol(languages=("ar", "en"))

    with pytest.raises(protocols.ProtocolError, match="Add the French text."):
        protocols.transition(protocol, Status.OPEN, actor=None)


def test_opening_requires_a_signatory_for_each_party(make_protocol, make_organisation):
    protocol = make_protocol()
    protocols.add_party(protocol, organisation=make_organisation("Sans signataire"), actor=None)

    with pytest.raises(protocols.ProtocolError, match="Designate a signatory for Sans signataire"):
        protocols.transition(protocol, Status.OPEN, actor=None)


def test_opening_refuses_a_text_whose_file_changed_since_it_was_added(make_protocol):
    protocol = make_protocol()
    text = protocol.texts.get()
    with text.document.file.storage.open(text.document.file.name, "wb") as stored:
        stored.write(b"%PDF-1.4\n% another text\n")

    with pytest.raises(protocols.ProtocolError, match="The file of the French text changed"):
        protocols.transition(protocol, Status.OPEN, actor=None)


def test_complete_protocol_opens_and_the_opening_is_logged_with_its_actor(
    make_protocol, protocol_staff
):
    protocol = make_protocol(signatories=2)

    protocols.transition(protocol, Status.OPEN, actor=protocol_staff)

    protocol.refresh_from_db()
    assert protocol.status == Status.OPEN
    event = ProtocolEvent.objects.filter(protocol=protocol).last()
    assert (event.action, event.actor, event.data) == (
        "status_changed",
        protocol_staff,
        {"from": "draft", "to": "open"},
    )


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (Status.DRAFT, Status.SIGNED),
        (Status.DRAFT, Status.IN_FORCE),
        (Status.OPEN, Status.SIGNED),  # only the last signature signs a protocol
        (Status.OPEN, Status.IN_FORCE),
        (Status.SIGNED, Status.EXPIRED),
        (Status.SIGNED, Status.OPEN),
        (Status.IN_FORCE, Status.DRAFT),
        (Status.EXPIRED, Status.IN_FORCE),
        (Status.TERMINATED, Status.IN_FORCE),
    ],
)
def test_transition_outside_the_allowed_ones_is_refused(make_protocol, status, target):
    protocol = make_protocol(status=status)
    before = status_changes(protocol)

    with pytest.raises(protocols.ProtocolError, match="cannot become"):
        protocols.transition(protocol, target, actor=None)

    protocol.refresh_from_db()
    assert protocol.status == status
    assert status_changes(protocol) == before


def test_open_protocol_goes_back_to_draft_only_while_nobody_has_signed(
    make_protocol, make_text_document
):
    protocol = make_protocol(signatories=2, status=Status.OPEN)
    protocols.transition(protocol, Status.DRAFT, actor=None)
    protocols.transition(protocol, Status.OPEN, actor=None)
    wet_ink(protocol_signatories(protocol)[0], make_text_document())

    with pytest.raises(protocols.ProtocolError, match="already signed"):
        protocols.transition(protocol, Status.DRAFT, actor=None)

    assert status_changes(protocol) == [("draft", "open"), ("open", "draft"), ("draft", "open")]


def test_last_signature_signs_the_protocol_on_its_date(make_protocol, make_text_document):
    protocol = make_protocol(signatories=3, status=Status.OPEN)
    first, second, last = protocol_signatories(protocol)
    wet_ink(first, make_text_document(), timezone.now() - datetime.timedelta(days=9))
    wet_ink(second, make_text_document(), timezone.now() - datetime.timedelta(days=8))
    protocol.refresh_from_db()
    assert protocol.status == Status.OPEN

    last_at = timezone.now() - datetime.timedelta(days=2)
    wet_ink(last, make_text_document(), last_at)

    protocol.refresh_from_db()
    assert protocol.status == Status.SIGNED
    assert protocol.signed_on == timezone.localtime(last_at).date()
    event = ProtocolEvent.objects.filter(protocol=protocol).last()
    assert event.action == "status_changed"
    assert event.data == {
        "from": "open",
        "to": "signed",
        "signed_on": protocol.signed_on.isoformat(),
        "automatic": True,
    }


def test_in_force_then_expired_records_the_dates(make_protocol):
    protocol = make_protocol(status=Status.SIGNED)
    start = protocol.signed_on + datetime.timedelta(days=1)

    protocols.transition(protocol, Status.IN_FORCE, actor=None, on=start)
    protocols.transition(protocol, Status.EXPIRED, actor=None, on=start + datetime.timedelta(30))

    protocol.refresh_from_db()
    assert (protocol.status, protocol.entry_into_force) == (Status.EXPIRED, start)
    assert protocol.expiry == start + datetime.timedelta(days=30)
    assert status_changes(protocol)[-2:] == [("signed", "in_force"), ("in_force", "expired")]


def test_entry_into_force_before_the_signature_is_refused(make_protocol):
    protocol = make_protocol(status=Status.SIGNED)

    with pytest.raises(protocols.ProtocolError, match="before it was signed"):
        protocols.transition(
            protocol, Status.IN_FORCE, actor=None, on=protocol.signed_on - datetime.timedelta(1)
        )


def test_termination_is_logged_with_its_date_and_note(make_protocol):
    protocol = make_protocol(status=Status.IN_FORCE)
    on = timezone.localdate()

    protocols.transition(protocol, Status.TERMINATED, actor=None, on=on, note="Dénoncé")

    event = ProtocolEvent.objects.filter(protocol=protocol).last()
    assert event.data == {"from": "in_force", "to": "terminated", "on": str(on), "note": "Dénoncé"}


def test_texts_parties_and_signatories_change_only_in_draft(
    make_protocol, make_organisation, make_person, make_text_document
):
    protocol = make_protocol(status=Status.OPEN)
    party = protocol.parties.get()

    refusals = [
        lambda: protocols.add_text(
            protocol, language="ar", document=make_text_document(), actor=None
        ),
        lambda: protocols.remove_text(protocol.texts.get(), actor=None),
        lambda: protocols.add_party(protocol, organisation=make_organisation(), actor=None),
        lambda: protocols.remove_party(party, actor=None),
        lambda: protocols.add_signatory(party, person=make_person(), actor=None),
        lambda: protocols.remove_signatory(party.signatories.get(), actor=None),
    ]
    for refused in refusals:
        with pytest.raises(protocols.ProtocolError, match="Only a draft"):
            refused()

    assert (protocol.texts.count(), protocol.parties.count(), Signatory.objects.count()) == (
        1,
        1,
        1,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no SELECT … FOR UPDATE and serialises writers with one file lock; "
    "the race this guards against is PostgreSQL's (CI runs it with DATABASE_URL)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_openings_open_once(make_protocol):
    protocol = make_protocol(signatories=2)
    barrier = threading.Barrier(2)
    outcomes = []

    def open_it():
        try:
            barrier.wait()
            protocols.transition(Protocol.objects.get(pk=protocol.pk), Status.OPEN, actor=None)
            outcomes.append("opened")
        except protocols.ProtocolError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["opened", "refused"]
    assert status_changes(protocol) == [("draft", "open")]
    assert protocols.verify_chain(protocol).ok


# ---------------------------------------------------------------- The admin


def admin_client(client, user):
    client.force_login(user)
    return client


def test_admin_list_costs_the_same_queries_for_1_and_50_protocols(
    client, protocol_staff, make_protocol, django_assert_max_num_queries, django_assert_num_queries
):
    client = admin_client(client, protocol_staff)
    make_protocol(signatories=2)
    client.get("/admin/protocols/")  # warm the caches (site, permissions, menu)
    with django_assert_max_num_queries(100) as with_one:
        response = client.get("/admin/protocols/")
    assert response.status_code == 200
    for _ in range(49):
        make_protocol(signatories=2)

    with django_assert_num_queries(len(with_one.captured_queries)):
        response = client.get("/admin/protocols/")

    page = response.content.decode()
    assert page.count("AMEM-TEST-") >= 50
    assert "Organisation signataire" in page


def test_admin_creates_a_protocol_and_logs_it(client, protocol_staff):
    client = admin_client(client, protocol_staff)

    response = client.post(
        "/admin/protocols/new/",
        {
            "reference": "AMEM-MA-PA-02",
            "kind": "mou",
            "title_fr": "Protocole d'accord marocain",
            "title_ar": "",
            "title_en": "",
            "summary_fr": "",
            "summary_ar": "",
            "summary_en": "",
        },
    )

    protocol = Protocol.objects.get(reference="AMEM-MA-PA-02")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/protocols/inspect/{protocol.pk}/"
    assert protocol.status == Status.DRAFT
    [event] = ProtocolEvent.objects.filter(protocol=protocol)
    assert (event.action, event.actor) == ("created", protocol_staff)


def test_admin_edit_logs_the_changed_fields(client, protocol_staff, make_protocol):
    protocol = make_protocol()
    client = admin_client(client, protocol_staff)

    response = client.post(
        f"/admin/protocols/edit/{protocol.pk}/",
        {
            "reference": protocol.reference,
            "kind": "convention",
            "title_fr": protocol.title_fr,
            "title_ar": protocol.title_ar,
            "title_en": "A new English title",
            "summary_fr": protocol.summary_fr,
            "summary_ar": protocol.summary_ar,
            "summary_en": protocol.summary_en,
        },
    )

    assert response.status_code == 302
    event = ProtocolEvent.objects.filter(protocol=protocol).last()
    assert event.action == "updated"
    assert event.data == {"changed": {"kind": "convention", "title_en": "A new English title"}}


def test_admin_builds_a_protocol_with_forms_and_opens_it(
    client, protocol_staff, make_organisation, make_person
):
    client = admin_client(client, protocol_staff)
    protocol = protocols.create_protocol(actor=protocol_staff, reference="P-ADMIN", title="T")
    organisation = make_organisation("Institut national de la statistique", acronym="INS")
    person = make_person("Samia", "Démo")
    base = f"/admin/protocols/{protocol.pk}"

    text = SimpleUploadedFile("texte.pdf", PDF, content_type="application/pdf")
    assert client.post(f"{base}/texts/add/", {"language": "fr", "file": text}).status_code == 302
    party = {"organisation": organisation.pk, "role": "party"}
    assert client.post(f"{base}/parties/add/", party).status_code == 302
    signatory = {"party": Party.objects.get().pk, "person": person.pk, "title": "Directrice"}
    assert client.post(f"{base}/signatories/add/", signatory).status_code == 302
    page = client.get(f"/admin/protocols/inspect/{protocol.pk}/").content.decode()
    assert "Open for signature" in page
    response = client.post(f"{base}/transition/", {"status": "open"})

    assert response.status_code == 302
    protocol.refresh_from_db()
    assert protocol.status == Status.OPEN
    assert protocol.texts.get().document.visibility == "staff"
    assert [event.action for event in ProtocolEvent.objects.filter(protocol=protocol)] == [
        "created",
        "text_added",
        "party_added",
        "signatory_added",
        "status_changed",
    ]


def test_admin_refuses_an_upload_that_is_not_what_it_says(client, protocol_staff):
    client = admin_client(client, protocol_staff)
    protocol = protocols.create_protocol(actor=protocol_staff, reference="P-UPLOAD", title="T")
    fake = SimpleUploadedFile("texte.pdf", b"<html>not a pdf</html>", content_type="text/html")

    response = client.post(
        f"/admin/protocols/{protocol.pk}/texts/add/", {"language": "fr", "file": fake}
    )

    assert response.status_code == 200
    assert "does not match its type" in response.content.decode()
    assert not protocol.texts.exists()


def test_admin_transition_error_is_shown_and_changes_nothing(client, protocol_staff):
    client = admin_client(client, protocol_staff)
    protocol = protocols.create_protocol(actor=protocol_staff, reference="P-EARLY", title="T")

    response = client.post(
        f"/admin/protocols/{protocol.pk}/transition/", {"status": "open"}, follow=True
    )

    assert "Add at least one party." in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.status == Status.DRAFT


def test_admin_offers_no_delete_of_a_protocol(client, protocol_staff, make_protocol):
    protocol = make_protocol()
    client = admin_client(client, protocol_staff)

    response = client.get(f"/admin/protocols/delete/{protocol.pk}/", follow=True)
    assert response.status_code == 404
    page = client.get(f"/admin/protocols/edit/{protocol.pk}/").content.decode()
    assert f"/admin/protocols/delete/{protocol.pk}/" not in page


def test_admin_protocols_need_protocol_permissions(client, editor, make_protocol):
    protocol = make_protocol()
    client.force_login(editor)

    for url in (
        "/admin/protocols/",
        f"/admin/protocols/inspect/{protocol.pk}/",
        f"/admin/protocols/{protocol.pk}/audit-log/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert protocol.reference not in response.content.decode()
    client.post(f"/admin/protocols/{protocol.pk}/transition/", {"status": "open"})
    protocol.refresh_from_db()
    assert protocol.status == Status.DRAFT


# ---------------------------------------------------------------- The demo


def test_demo_protocol_is_in_force_signed_by_wet_ink_and_loads_once():
    assert demo_protocols.load() == 1
    counts = [
        model.objects.count() for model in (Protocol, ProtocolEvent, Person, Organisation, Party)
    ]

    assert demo_protocols.load() == 0

    assert [
        model.objects.count() for model in (Protocol, ProtocolEvent, Person, Organisation, Party)
    ] == counts
    protocol = Protocol.objects.get(reference="AMEM-TN-PA-01")
    assert protocol.status == Status.IN_FORCE
    assert protocol.title_ar and protocol.title_en and protocol.summary_ar
    assert protocol.working_group.name_en
    acronyms = {party.organisation.acronym_fr for party in protocol.parties.all()}
    assert acronyms == {"OIT", "INS", "MFPE"}
    signatures = [signatory.signature for signatory in protocol_signatories(protocol)]
    assert {signature.method for signature in signatures} == {"wet_ink"}
    assert all(signature.scan and signature.recorded_by for signature in signatures)
    assert {str(signatory.person) for signatory in protocol_signatories(protocol)} == {
        "Demo Signatory ILO",
        "Demo Signatory INS",
        "Demo Signatory MFPE",
    }
    assert protocols.verify_chain(protocol).ok
