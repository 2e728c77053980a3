"""Seats under concurrency: many simultaneous register() and cancel() calls never overbook, and
the waiting list keeps the order in which the workshop's lock was granted.

PostgreSQL (`DATABASE_URL=postgres://…`): hundreds of threads, each with its own connection,
released together by a Barrier. PostgreSQL refuses connections beyond `max_connections` (often
100), so the threads run in waves as large as the server allows, each wave released together.

Which arrival order can be checked honestly? Not the order in which threads were started or
returned: a thread may be descheduled between taking the lock and recording anything. The tests
number each grant of the workshop's lock from inside the lock (`grants` wraps
events.registration._lock), so those numbers follow the lock's order exactly, and check that
seats, primary keys, `created_at` and the waiting list follow them. They also check the one
order visible from outside: a call that returned before another was made is ahead of it.

SQLite: the test database is in memory, shared by threads through SQLite's shared cache, whose
table locks do not wait for each other, so it cannot show how the project's file database behaves.
The test copies its database to a file and runs the threads in a `manage.py shell` process on it,
with the project's own settings (transaction_mode IMMEDIATE).
"""

import itertools
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks.signals import task_enqueued

from events import registration
from events.models import Registration, RegistrationQuota
from events.tasks import send_registration_email

from .conftest import participant_fields

Status = Registration.Status
BASE_DIR = Path(__file__).resolve().parents[2]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://…)"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run")


@dataclass
class Outcome:
    value: object  # what the call returned, or the exception it raised
    grant: int | None  # the number of the workshop's lock grant this call got
    called: float
    returned: float


@pytest.fixture
def queued(settings):
    """The emails queued on commit, as (registration pk, kind), from every thread; none is sent
    (rendering hundreds of emails would only slow the race: test_registration_emails.py sends)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    emails = []

    def record(sender, task_result, **kwargs):
        if task_result.task.func is send_registration_email.func:  # Wagtail queues its own too
            emails.append(tuple(task_result.args))

    task_enqueued.connect(record, weak=False)
    yield emails
    task_enqueued.disconnect(record)


@pytest.fixture
def grants(monkeypatch):
    """Numbers the grants of a workshop's lock, from inside the lock: their order is the lock's."""
    counter = itertools.count()
    current = threading.local()
    take_lock = registration._lock

    def numbered_lock(event):
        locked = take_lock(event)
        current.number = next(counter)
        return locked

    monkeypatch.setattr(registration, "_lock", numbered_lock)
    return current


def wave_size():
    """As many simultaneous connections as the server takes, keeping room for the others."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
    return max(10, min(limit - 25, 500))


def race(calls, grants, size):
    """Run the calls in threads, waves of `size` released together; one Outcome per call."""
    outcomes = [None] * len(calls)

    def run(index, call, barrier):
        try:
            grants.number = None
            barrier.wait()
            called = time.monotonic()
            try:
                value = call()
            except Exception as error:  # noqa: BLE001 - an exception is an outcome to check
                value = error
            outcomes[index] = Outcome(value, grants.number, called, time.monotonic())
        finally:
            connection.close()

    for start in range(0, len(calls), size):
        wave = calls[start : start + size]
        barrier = threading.Barrier(len(wave), timeout=60)
        threads = [
            threading.Thread(target=run, args=(start + offset, call, barrier))
            for offset, call in enumerate(wave)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a thread never returned"
    return outcomes


def make_users(count, prefix):
    User = get_user_model()
    return User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", password="!") for n in range(count)]  # noqa: S106
    )


def registering(event, user, **overrides):
    fields = participant_fields(email=user.email, **overrides)
    return lambda: registration.register(event, user, **fields)


def by_grant(outcomes):
    return sorted(outcomes, key=lambda outcome: outcome.grant)


def assert_no_exception(outcomes):
    errors = [o.value for o in outcomes if isinstance(o.value, BaseException)]
    assert errors == []
    assert all(o.grant is not None for o in outcomes)


def assert_returned_before_means_ahead(outcomes):
    """A call that returned before another call was made got the lock before it."""
    by_call = sorted(outcomes, key=lambda o: o.called)
    by_return = sorted(outcomes, key=lambda o: o.returned)
    latest_grant, position = -1, 0
    for outcome in by_call:
        while position < len(by_return) and by_return[position].returned < outcome.called:
            latest_grant = max(latest_grant, by_return[position].grant)
            position += 1
        assert outcome.grant > latest_grant


def confirmed_count(event):
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


class Reader(threading.Thread):
    """Samples the confirmed count on its own connection while the others write."""

    def __init__(self, event):
        super().__init__()
        self.event = event
        self.samples = []
        self.done = threading.Event()

    def run(self):
        try:
            while not self.done.is_set():
                self.samples.append(confirmed_count(self.event))
                time.sleep(0.002)
        finally:
            connection.close()


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_500_simultaneous_registrations_then_cancellations_racing_registrations(
    open_workshop, grants, queued
):
    event = open_workshop(capacity=100)
    size = wave_size()
    users = make_users(500, "seat")

    outcomes = race([registering(event, user) for user in users], grants, size)

    assert_no_exception(outcomes)
    ordered = by_grant(outcomes)
    # The first hundred to get the lock have the seats; everybody else waits, in that order.
    assert [o.value.status for o in ordered] == [Status.CONFIRMED] * 100 + [Status.WAITLISTED] * 400
    assert confirmed_count(event) == 100
    saved = {r.pk: r for r in Registration.objects.filter(event=event)}
    assert [saved[o.value.pk].created_at for o in ordered] == sorted(
        saved[o.value.pk].created_at for o in ordered
    )
    assert [o.value.pk for o in ordered] == sorted(saved)
    waitlist = list(
        Registration.objects.filter(event=event, status=Status.WAITLISTED).values_list(
            "pk", flat=True
        )
    )
    assert waitlist == [o.value.pk for o in ordered[100:]]
    assert_returned_before_means_ahead(outcomes)
    assert sorted(queued) == sorted((o.value.pk, o.value.status) for o in outcomes)

    # 50 cancellations of confirmed seats racing 50 new registrations.
    queued.clear()
    leaving = random.Random(5).sample([o.value for o in ordered[:100]], 50)  # noqa: S311
    newcomers = make_users(50, "late")
    calls = [
        call
        for pair in zip(
            [lambda r=r: registration.cancel(r) for r in leaving],
            [registering(event, user) for user in newcomers],
            strict=True,
        )
        for call in pair
    ]
    reader = Reader(event)
    reader.start()
    try:
        second = race(calls, grants, size)
    finally:
        reader.done.set()
        reader.join()

    assert_no_exception(second)
    assert len(reader.samples) > 10
    assert max(reader.samples) <= 100
    assert confirmed_count(event) == 100
    promoted = Registration.objects.filter(pk__in=waitlist[:50])
    assert {r.status for r in promoted} == {Status.CONFIRMED}
    # Promoted one at a time under the lock, in waiting-list order.
    assert [r.pk for r in promoted.order_by("status_changed_at")] == waitlist[:50]
    assert Registration.objects.filter(pk__in=waitlist[50:], status=Status.WAITLISTED).count() == (
        350
    )
    late_users = {user.pk for user in newcomers}
    registered_late = [o.value for o in second if o.value.user_id in late_users]
    assert {r.status for r in registered_late} == {Status.WAITLISTED}
    assert sorted(queued) == sorted(
        [(r.pk, "cancelled") for r in leaving]
        + [(pk, "promoted") for pk in waitlist[:50]]
        + [(r.pk, "waitlisted") for r in registered_late]
    )


def sequential_statuses(registrations, capacity, quotas):
    """What the rules give when the registrations arrive one by one, in this order."""
    total, taken, statuses = 0, Counter(), []
    for r in registrations:
        keys = [("c", r.constituency), ("n", r.country)]
        fits = total < capacity and all(taken[key] < quotas.get(key, capacity) for key in keys)
        if fits:
            total += 1
            taken.update(keys)
        statuses.append(Status.CONFIRMED if fits else Status.WAITLISTED)
    return statuses


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_quotas_hold_under_220_simultaneous_registrations(
    open_workshop, make_organisation, grants, queued
):
    event = open_workshop(capacity=100)
    RegistrationQuota.objects.create(event=event, constituency="workers", seats=30)
    RegistrationQuota.objects.create(event=event, country="MA", seats=25)
    users = make_users(220, "quota")
    # Organisations of the registry: their constituency is what the quota counts.
    workers, employers, government = (
        make_organisation(fr=kind, kind=kind)
        for kind in ("workers_organisation", "employers_organisation", "ministry")
    )
    members = itertools.cycle([workers, employers, government, workers])
    countries = itertools.cycle(["TN", "TN", "MA"])
    calls = [
        registering(
            event,
            user,
            organisation=next(members),
            proposed_organisation="",
            country=next(countries),
        )
        for user in users
    ]

    outcomes = race(calls, grants, wave_size())

    assert_no_exception(outcomes)
    ordered = [o.value for o in by_grant(outcomes)]
    quotas = {("c", "workers"): 30, ("n", "MA"): 25}
    assert [r.status for r in ordered] == sequential_statuses(ordered, 100, quotas)
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    assert confirmed.filter(constituency="workers").count() <= 30
    assert confirmed.filter(country="MA").count() <= 25
    # 73 employers from Tunisia and 30 workers fit whatever the order: the seats all go.
    assert confirmed.count() == 100


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminder_runs_at_the_same_time_remind_each_participant_once(open_workshop, grants, queued):
    event = open_workshop(
        capacity=60, start=timezone.localdate() + timedelta(days=2), reminder_days_before=3
    )
    for user in make_users(60, "remind"):
        registering(event, user)()
    queued.clear()

    def remind():
        call_command("send_workshop_reminders", stdout=StringIO())

    outcomes = race([remind] * 4, threading.local(), 4)

    assert [o.value for o in outcomes] == [None] * 4
    reminded = [pk for pk, kind in queued if kind == "reminder"]
    assert len(reminded) == len(set(reminded)) == 60
    assert not Registration.objects.filter(event=event, reminder_sent_at__isnull=True).exists()


# SQLite: the threads run in a separate process, on a file database.

SQLITE_RACE = """
import json, os, threading
from django.db import connection
from django.utils import timezone
from django_tasks.signals import task_enqueued
from stakeholders.models import User
from events import registration
from events.models import EventPage

event = EventPage.objects.get(pk=int(os.environ["SEATS_EVENT"]))
users = list(User.objects.filter(email__startswith="sqlite").order_by("pk"))
barrier = threading.Barrier(len(users), timeout=60)
outcomes = {}

def run(user):
    fields = dict(
        first_name="Amina", last_name=user.email, email=user.email, constituency="workers",
        position="Chargée d'études", gender="woman", country="TN", nationality="TN",
        preferred_language="fr", accepts_privacy_notice=True,
    )
    try:
        barrier.wait()
        outcomes[user.email] = registration.register(event, user, **fields).status
    except Exception as error:
        outcomes[user.email] = repr(error)
    finally:
        connection.close()

threads = [threading.Thread(target=run, args=(user,)) for user in users]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(120)
confirmed = event.registrations.filter(status="confirmed").count()
print(json.dumps({"outcomes": outcomes, "confirmed": confirmed}))
"""


@sqlite_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_file_database_does_not_overbook_under_20_threads(open_workshop, tmp_path):
    event = open_workshop(capacity=5)
    make_users(20, "sqlite")
    database = tmp_path / "seats.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)

    finished = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c", SQLITE_RACE],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "amem.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
            "SEATS_EVENT": str(event.pk),
        },
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert len(result["outcomes"]) == 20
    assert Counter(result["outcomes"].values()) == {"confirmed": 5, "waitlisted": 15}
    assert result["confirmed"] == 5
