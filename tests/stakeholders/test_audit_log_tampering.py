"""The audit log is tamper-evident as a whole, not only in its middle rows.

The protocol row keeps the log's head (count, last hash, keyed seal), the hashes are HMACs under
the site's audit key, and the head goes to the signatories (certificate, email of the
signature). `manage.py verify_audit_logs` and the admin's pages verify through the same function
and report removed tails, an emptied log, changed rows, a rewritten chain and a moved anchor;
the daily check emails the protocol staff.
"""

import hashlib
import html
import importlib
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from stakeholders import protocols
from stakeholders.models import Protocol, User

from .test_audit import rows, tamper
from .test_certificate import flat, pdf_text

pytestmark = pytest.mark.django_db
Status = Protocol.Status
JSON = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


@pytest.fixture
def staff_client(client, protocol_staff):
    client.force_login(protocol_staff)
    return client


@pytest.fixture
def signed_protocol(make_protocol, protocol_staff):
    return make_protocol(signatories=2, status=Status.IN_FORCE, actor=protocol_staff)


def verify(*args):
    """Runs the daily check: (exit status, its output), in English (the site's language,
    French, is its language otherwise)."""
    out, err = StringIO(), StringIO()
    try:
        with translation.override("en"):
            call_command("verify_audit_logs", *args, stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue() + err.getvalue() + str(error)
    return 0, out.getvalue() + err.getvalue()


def admin_page(client, protocol):
    response = client.get(f"/admin/protocols/{protocol.pk}/audit-log/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def rechain(events, start, data, hash_key):
    """Rewrites row `start` with `data` and rehashes it and every row after it, under
    `hash_key` (the attacker's guess, or the real key)."""
    previous_hash = events[start].previous_hash
    for index, event in enumerate(events[start:], start):
        content = data if index == start else event.data
        with override_settings(AMEM_AUDIT_KEY=hash_key):
            digest = protocols.event_hash(
                previous_hash=previous_hash,
                protocol_id=event.protocol_id,
                at=event.at,
                actor_id=event.actor_id,
                action=event.action,
                data=content,
            )
        tamper(
            f"UPDATE stakeholders_protocolevent SET data = {JSON}, previous_hash = %s, hash = %s "  # noqa: S608 - a fixed cast
            "WHERE id = %s",
            [json.dumps(content), previous_hash, digest, event.pk],
        )
        previous_hash = digest
    return previous_hash


def set_anchor(protocol, count, head, seal):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stakeholders_protocol SET audit_count = %s, audit_head = %s, audit_seal = %s "
            "WHERE id = %s",
            [count, head, seal, protocol.pk],
        )


def delete_from(events, start):
    for event in events[start:]:
        tamper("DELETE FROM stakeholders_protocolevent WHERE id = %s", [event.pk])


# Each: tamper(protocol, events) -> (the first bad row and its position in the chain, or None
# when the problem is the log's end or its anchor; what the report says).


def last_row_deleted(protocol, events):
    delete_from(events, 10)
    return None, "Rows missing after #10: the anchor says 11 events, the table has 10."


def last_three_deleted(protocol, events):
    delete_from(events, 8)
    return None, "Rows missing after #8: the anchor says 11 events, the table has 8."


def all_rows_deleted(protocol, events):
    delete_from(events, 0)
    return None, "Rows missing after #0: the anchor says 11 events, the table has 0."


def middle_row_edited(protocol, events):
    data = {**events[4].data, "name": "Autre organisation"}
    tamper(
        f"UPDATE stakeholders_protocolevent SET data = {JSON} WHERE id = %s",  # noqa: S608
        [json.dumps(data), events[4].pk],
    )
    return (events[4], 5), "Its stored hash does not match its content: the row was changed."


def middle_row_deleted(protocol, events):
    tamper("DELETE FROM stakeholders_protocolevent WHERE id = %s", [events[4].pk])
    return (events[5], 5), "Its link to the previous row does not match"


def row_rewritten_and_every_later_hash_recomputed(protocol, events):
    """By someone who can write to the database but does not hold the key: anchor and all."""
    head = rechain(events, 4, {**events[4].data, "name": "Autre organisation"}, "a guess")
    set_anchor(protocol, 11, head, protocol.audit_seal)
    return (events[4], 5), "Its stored hash does not match its content: the row was changed."


def rewritten_with_the_key_but_not_the_anchor(protocol, events):
    rechain(events, 4, {**events[4].data, "name": "Autre organisation"}, "")
    return None, "The hash of row #11 does not match the anchor's: the log was rewritten."


def last_row_deleted_and_the_anchor_moved_back(protocol, events):
    delete_from(events, 10)
    set_anchor(protocol, 10, events[9].hash, protocol.audit_seal)
    return None, "The anchor's seal does not match: the anchor was changed outside the application."


def all_rows_deleted_and_the_anchor_emptied(protocol, events):
    delete_from(events, 0)
    set_anchor(protocol, 0, "", "")
    return None, "The anchor's seal does not match"


TAMPERING = [
    last_row_deleted,
    last_three_deleted,
    all_rows_deleted,
    middle_row_edited,
    middle_row_deleted,
    row_rewritten_and_every_later_hash_recomputed,
    rewritten_with_the_key_but_not_the_anchor,
    last_row_deleted_and_the_anchor_moved_back,
    all_rows_deleted_and_the_anchor_emptied,
]


def test_each_event_moves_the_anchor_kept_on_the_protocol(signed_protocol):
    events = rows(signed_protocol)
    signed_protocol.refresh_from_db()

    assert signed_protocol.audit_count == len(events) == 11
    assert signed_protocol.audit_head == events[-1].hash
    assert signed_protocol.audit_seal == protocols.anchor_seal(
        signed_protocol.pk, 11, events[-1].hash
    )


def test_a_protocol_saved_from_an_older_copy_keeps_its_anchor(signed_protocol, protocol_staff):
    """The admin's edit form saves the protocol it loaded: an event appended meanwhile stays
    covered by the anchor."""
    stale = Protocol.objects.get(pk=signed_protocol.pk)
    protocols.record_updated(signed_protocol, {"expiry": "2030-01-01"}, actor=protocol_staff)
    stale.summary_en = "Changed."
    stale.save()

    assert protocols.verify_chain(signed_protocol).ok
    assert Protocol.objects.get(pk=signed_protocol.pk).audit_count == 12


def test_intact_logs_pass_the_daily_check_and_email_nobody(make_protocol, signed_protocol):
    draft = make_protocol()

    status, output = verify()

    assert status == 0
    assert f"{signed_protocol.reference}: OK, 11 events" in output
    assert f"{draft.reference}: OK, 4 events" in output
    assert mail.outbox == []


@pytest.mark.parametrize("tampering", TAMPERING, ids=lambda function: function.__name__)
def test_tampering_is_reported_by_the_daily_check_and_the_admin(
    staff_client, make_protocol, signed_protocol, tampering
):
    untouched = make_protocol()
    row, reason = tampering(signed_protocol, rows(signed_protocol))

    status, output = verify()

    assert status != 0
    [line] = [line for line in output.splitlines() if signed_protocol.reference in line]
    if row:
        event, position = row
        assert line.startswith(
            f"{signed_protocol.reference}: broken at row {event.pk} (#{position}): {reason}"
        )
    else:
        assert line.startswith(f"{signed_protocol.reference}: {reason}")
    assert f"{untouched.reference}: OK" in output
    assert output.endswith("1 audit log failed verification.")
    page = admin_page(staff_client, signed_protocol)
    assert 'data-chain="broken"' in page
    assert reason in page
    if row:
        assert f'data-broken-row="{row[0].pk}"' in page
    everything = html.unescape(staff_client.get("/admin/protocols/audit-logs/").content.decode())
    assert reason in everything
    assert 'data-chain="ok"' in admin_page(staff_client, untouched)


def test_a_failure_emails_the_staff_who_may_change_protocols(
    signed_protocol, protocol_staff, make_admin_user, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://amem.example.org"
    make_admin_user(email="editor@example.org")  # no permission on protocols: not told
    last_row_deleted(signed_protocol, rows(signed_protocol))

    status, _output = verify()

    assert status == 1
    [message] = mail.outbox
    assert message.to == [protocol_staff.email]
    assert message.subject == "AMEM: the audit log of 1 protocol failed verification"
    assert (
        f"{signed_protocol.reference}: Rows missing after #10: the anchor says 11 events, "
        "the table has 10." in message.body
    )
    assert "https://amem.example.org/admin/protocols/audit-logs/" in message.body


def test_the_alert_is_in_each_staff_members_language(signed_protocol, protocol_staff):
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=protocol_staff).update(preferred_language="fr")
    middle_row_edited(signed_protocol, rows(signed_protocol))

    verify()

    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Its stored hash does not match its content" not in message.body


def test_the_certificate_carries_the_head(staff_client, signed_protocol):
    head = rows(signed_protocol)[-1].hash

    response = staff_client.get(f"/admin/protocols/{signed_protocol.pk}/certificate/en/")

    text = flat(pdf_text(response))
    assert f"Events recorded 11 Hash of the last event {head}" in text
    assert "The chain of hashes is intact." in text


def test_the_certificate_says_when_the_tail_was_removed(staff_client, signed_protocol):
    last_three_deleted(signed_protocol, rows(signed_protocol))

    response = staff_client.get(f"/admin/protocols/{signed_protocol.pk}/certificate/en/")

    text = flat(pdf_text(response))
    assert "The chain of hashes is broken. Rows missing after #8" in text


def signed_with_emails(make_protocol, make_person, django_capture_on_commit_callbacks, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://amem.example.org"
    people = [
        make_person(
            "Amel",
            "Signataire",
            email="amel@example.org",
            user=User.objects.create_user(email="amel@example.org", password="x"),
        ),
        make_person("Omar", "Signataire", email="omar@example.org"),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        protocol = make_protocol(signatories=2, status=Status.SIGNED, people=people)
    return protocol


def test_each_signatory_is_emailed_the_head_when_the_protocol_is_signed(
    make_protocol, make_person, django_capture_on_commit_callbacks, settings
):
    protocol = signed_with_emails(
        make_protocol, make_person, django_capture_on_commit_callbacks, settings
    )
    events = rows(protocol)
    head = events[-1].hash
    assert events[-1].data["to"] == "signed"

    assert sorted(message.to[0] for message in mail.outbox) == [
        "Amel Signataire <amel@example.org>",
        "Omar Signataire <omar@example.org>",
    ]
    with translation.override("fr"):  # the signatories have no account: the site's language
        certificate = reverse("stakeholders:protocol_certificate", args=[protocol.pk])
    for message in mail.outbox:
        assert message.extra_headers["Content-Language"] == "fr"
        assert protocol.reference in message.subject
        assert f": {len(events)}\n" in message.body
        assert head in message.body
        [(page, _mimetype)] = message.alternatives
        assert head[:16] in page
        assert head not in page
    # The certificate opens to an account: only Amel has one, Omar keeps the email.
    amel, omar = sorted(mail.outbox, key=lambda message: message.to[0])
    assert f"https://amem.example.org{certificate}" in amel.body
    assert "https://" not in omar.body


def test_a_log_rewritten_with_the_key_and_its_anchor_is_exposed_by_the_signatories_head(
    make_protocol, make_person, django_capture_on_commit_callbacks, settings
):
    """Whoever holds the key can rewrite every hash and the anchor; not what was emailed."""
    protocol = signed_with_emails(
        make_protocol, make_person, django_capture_on_commit_callbacks, settings
    )
    held = rows(protocol)[-1].hash
    assert held in mail.outbox[0].body
    events = rows(protocol)
    head = rechain(events, 2, {**events[2].data, "name": "Autre organisation"}, "")
    set_anchor(protocol, len(events), head, protocols.anchor_seal(protocol.pk, len(events), head))
    mail.outbox.clear()

    assert verify()[0] == 0
    status, output = verify("--head", f"{protocol.reference}:{len(events)}:{held}")

    assert status == 1
    assert (
        f"{protocol.reference}: Row #{len(events)} no longer has the hash the signatories were "
        "given." in output
    )
    assert len(mail.outbox) == 0  # no protocol staff in this test's database


def test_the_head_a_signatory_holds_passes_while_the_log_is_intact(signed_protocol):
    events = rows(signed_protocol)

    status, output = verify("--head", f"{signed_protocol.reference}:9:{events[8].hash}")

    assert status == 0
    assert f"{signed_protocol.reference}: row #9 has the hash the signatories were given." in output


def test_the_migration_rehashes_existing_chains_with_the_key(signed_protocol):
    """A log hashed with plain SHA-256 before 0009 verifies after it; a row that did not match
    before still does not, at the same place."""
    events = rows(signed_protocol)
    previous_hash = protocols.GENESIS
    for event in events:  # the log as 0008 left it
        payload = {
            "previous_hash": previous_hash,
            "protocol": event.protocol_id,
            "at": protocols._iso(event.at),
            "actor": event.actor_id,
            "action": event.action,
            "data": event.data,
        }
        digest = hashlib.sha256(protocols.canonical_json(payload)).hexdigest()
        tamper(
            "UPDATE stakeholders_protocolevent SET previous_hash = %s, hash = %s WHERE id = %s",
            [previous_hash, digest, event.pk],
        )
        previous_hash = digest
    set_anchor(signed_protocol, 0, "", "")
    assert not protocols.verify_chain(signed_protocol).ok
    migration = importlib.import_module("stakeholders.migrations.0010_protocol_audit_head")
    # The models as the migration sees them (without the application's append-only manager).
    state = MigrationLoader(connection).project_state(("stakeholders", "0010_protocol_audit_head"))

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # What the migration asks of its schema editor: its connection, and running SQL.
        editor = SimpleNamespace(
            connection=connection, execute=lambda sql, params=None: cursor.execute(sql)
        )
        migration.rehash(state.apps, editor)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    report = protocols.verify_chain(signed_protocol)
    assert report.ok and report.count == 11
    assert verify()[0] == 0
