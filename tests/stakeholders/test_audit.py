"""The audit log: every protocol event, append-only, hash-chained per protocol; the staff
verification view recomputes the chain and names the first row that does not match."""

import json
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from stakeholders import protocols
from stakeholders.models import Protocol, ProtocolEvent

from .conftest import protocol_signatories

pytestmark = pytest.mark.django_db
Status = Protocol.Status
ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no SELECT … FOR UPDATE nor triggers here; the race and the "
    "database-level refusal are PostgreSQL's (CI runs them with DATABASE_URL)",
)


def rows(protocol):
    return list(ProtocolEvent.objects.filter(protocol=protocol).order_by("pk"))


def tamper(sql, params):
    """Changes the log behind the application's back, as a database owner could: on PostgreSQL
    the append-only trigger is switched off for the statement (inside the test's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The foreign keys' deferred checks must run first: ALTER TABLE waits for none.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE stakeholders_protocolevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE stakeholders_protocolevent ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def stored_data(event):
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM stakeholders_protocolevent WHERE id = %s", [event.pk])
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else json.dumps(value)


def set_stored_data(event, text):
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    tamper(f"UPDATE stakeholders_protocolevent SET data = {cast} WHERE id = %s", [text, event.pk])  # noqa: S608 - a fixed cast


@pytest.fixture
def staff_client(client, protocol_staff):
    client.force_login(protocol_staff)
    return client


@pytest.fixture
def signed_protocol(make_protocol, protocol_staff):
    return make_protocol(signatories=2, status=Status.IN_FORCE, actor=protocol_staff)


def test_every_protocol_event_is_logged_in_order_with_its_actor(signed_protocol, protocol_staff):
    events = rows(signed_protocol)

    assert [event.action for event in events] == [
        "created",
        "text_added",
        "party_added",
        "signatory_added",
        "party_added",
        "signatory_added",
        "status_changed",  # opened
        "signature",
        "signature",
        "status_changed",  # signed, by the last signature
        "status_changed",  # in force
    ]
    assert {event.actor for event in events} == {protocol_staff}
    assert [event.data["to"] for event in events if event.action == "status_changed"] == [
        "open",
        "signed",
        "in_force",
    ]
    signatures = [event.data for event in events if event.action == "signature"]
    assert {data["signatory"] for data in signatures} == {
        signatory.pk for signatory in protocol_signatories(signed_protocol)
    }
    assert all(data["method"] == "wet_ink" and data["text_sha256"] for data in signatures)


def test_each_row_hashes_its_content_and_its_predecessors_hash(signed_protocol):
    events = rows(signed_protocol)

    assert events[0].previous_hash == protocols.GENESIS
    for previous, event in zip(events, events[1:], strict=False):
        assert event.previous_hash == previous.hash
    for event in events:
        assert event.hash == protocols.event_hash(
            previous_hash=event.previous_hash,
            protocol_id=event.protocol_id,
            at=event.at,
            actor_id=event.actor_id,
            action=event.action,
            data=event.data,
        )
    assert len({event.hash for event in events}) == len(events)


def test_each_protocol_has_its_own_chain(make_protocol):
    first, second = make_protocol(), make_protocol()

    assert rows(first)[0].previous_hash == rows(second)[0].previous_hash == protocols.GENESIS
    assert protocols.verify_chain(first).ok and protocols.verify_chain(second).ok


def test_verification_view_reports_an_intact_chain(staff_client, signed_protocol):
    response = staff_client.get(f"/admin/protocols/{signed_protocol.pk}/audit-log/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-chain="ok"' in page
    assert page.count('id="event-') == len(rows(signed_protocol))


def test_one_byte_changed_in_a_rows_data_is_reported_at_that_row(staff_client, signed_protocol):
    target = [event for event in rows(signed_protocol) if event.action == "signature"][0]
    original = stored_data(target)
    assert '"Tunis"' in original
    set_stored_data(target, original.replace('"Tunis"', '"Tunia"', 1))  # one byte

    response = staff_client.get(f"/admin/protocols/{signed_protocol.pk}/audit-log/")

    page = response.content.decode()
    assert f'data-chain="broken" data-broken-row="{target.pk}"' in page
    assert "Its stored hash does not match its content" in page
    report = protocols.verify_chain(signed_protocol)
    assert report.broken.pk == target.pk
    assert report.count == [event.pk for event in rows(signed_protocol)].index(target.pk)


def test_a_changed_action_or_actor_is_reported_at_that_row(signed_protocol, make_user):
    events = rows(signed_protocol)
    tamper("UPDATE stakeholders_protocolevent SET action = %s WHERE id = %s", ["x", events[3].pk])
    assert protocols.verify_chain(signed_protocol).broken.pk == events[3].pk

    tamper(
        "UPDATE stakeholders_protocolevent SET action = %s, actor_id = %s WHERE id = %s",
        [events[3].action, make_user().pk, events[3].pk],
    )
    assert protocols.verify_chain(signed_protocol).broken.pk == events[3].pk


def test_a_removed_row_is_reported_at_the_row_after_it(staff_client, signed_protocol):
    events = rows(signed_protocol)
    tamper("DELETE FROM stakeholders_protocolevent WHERE id = %s", [events[4].pk])

    report = protocols.verify_chain(signed_protocol)

    assert report.broken.pk == events[5].pk
    reason = "Its link to the previous row does not match: a row was changed or removed."
    with translation.override("fr"):  # the site's language, active outside a request
        assert report.reason == translation.gettext(reason) != reason
    page = staff_client.get("/admin/protocols/audit-logs/").content.decode()
    assert f"Broken at row {events[5].pk}" in page


def test_a_row_rehashed_after_a_change_breaks_the_next_link(signed_protocol):
    """Recomputing the changed row's own hash does not help: the next row names the old one."""
    events = rows(signed_protocol)
    target = events[2]
    data = {**target.data, "name": "Autre organisation"}
    new_hash = protocols.event_hash(
        previous_hash=target.previous_hash,
        protocol_id=target.protocol_id,
        at=target.at,
        actor_id=target.actor_id,
        action=target.action,
        data=data,
    )
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    tamper(
        f"UPDATE stakeholders_protocolevent SET data = {cast}, hash = %s WHERE id = %s",  # noqa: S608
        [json.dumps(data), new_hash, target.pk],
    )

    assert protocols.verify_chain(signed_protocol).broken.pk == events[3].pk


def test_audit_rows_are_never_changed_nor_deleted_by_the_models(signed_protocol):
    event = rows(signed_protocol)[0]
    event.action = "other"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ProtocolEvent.objects.filter(protocol=signed_protocol).update(action="other")
    with pytest.raises(PermissionError):
        ProtocolEvent.objects.filter(protocol=signed_protocol).delete()
    assert protocols.verify_chain(signed_protocol).ok


@ONLY_POSTGRESQL
def test_audit_rows_are_never_changed_nor_deleted_in_the_database(signed_protocol):
    event = rows(signed_protocol)[0]
    for statement in (
        "UPDATE stakeholders_protocolevent SET action = 'other' WHERE id = %s",
        "DELETE FROM stakeholders_protocolevent WHERE id = %s",
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert protocols.verify_chain(signed_protocol).ok


def test_verification_needs_a_protocol_permission(client, editor, signed_protocol):
    client.force_login(editor)

    for url in (
        f"/admin/protocols/{signed_protocol.pk}/audit-log/",
        "/admin/protocols/audit-logs/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "data-chain" not in response.content.decode()


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_never_fork_the_chain(make_protocol):
    protocol = make_protocol()
    barrier = threading.Barrier(10)

    def append(number):
        try:
            barrier.wait()
            with transaction.atomic():
                protocols.log_event(protocol, "note", data={"number": number})
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    report = protocols.verify_chain(protocol)
    assert report.ok
    assert report.count == len(rows(protocol)) == 14  # created, text, party, signatory + 10
    previous = [event.previous_hash for event in rows(protocol)]
    assert len(set(previous)) == len(previous)
