"""Emails through the database task queue and a real SMTP conversation: a mail server that is
down keeps them queued until it is back; a worker killed mid-task has its task run again, and the
email still goes out once."""

import datetime
import email
import logging
import smtplib
import socket
import socketserver
import threading
from email import policy
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from documents import tasks_recovery
from documents.models import EmailDelivery
from events import registration
from events.staff.tasks import send_participant_message
from events.tasks import claim_key, send_registration_email
from tests.events import conftest as workshops

# The worker runs in the test's thread and commits as it goes, as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = TaskResultStatus
# The workshop fixtures of tests/events, for a registration to send emails about.
event_index = workshops.event_index
make_event = workshops.make_event
open_workshop = workshops.open_workshop
REGISTRATION_EMAIL = "events.tasks.send_registration_email"
PARTICIPANT_MESSAGE = "events.staff.tasks.send_participant_message"


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: every command is accepted, but a recipient whose address
    contains "refused", which gets a permanent refusal."""

    def reply(self, line):
        self.wfile.write(line + b"\r\n")

    def handle(self):
        self.reply(b"220 test ESMTP")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command == b"DATA":
                self.reply(b"354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                message = email.message_from_bytes(b"".join(lines), policy=policy.default)
                self.server.received.append(message)
                self.reply(b"250 Queued")
            elif command == b"RCPT" and b"refused" in line:
                self.reply(b"550 No such user")
            elif command == b"QUIT":
                self.reply(b"221 Bye")
                return
            else:
                self.reply(b"250 OK")


class MailServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port, received):
        super().__init__(("127.0.0.1", port), SMTPHandler)
        self.received = received


class LocalMailServer:
    """A mail server on a port where nothing listens until `start()`."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received = []
        self.server = None

    def start(self):
        self.server = MailServer(self.port, self.received)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def mail_server(settings):
    """The site sends by SMTP, with the database task backend, to a server not yet started."""
    server = LocalMailServer()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    yield server
    server.stop()


@pytest.fixture
def register(make_user):
    def make(event, **overrides):
        fields = workshops.participant_fields(**overrides)
        return registration.register(event, make_user(email=fields["email"]), **fields)

    return make


def rows(task_path=REGISTRATION_EMAIL):
    return list(DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at"))


def make_due(row):
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())


def left_running(row, minutes_ago):
    """The row as a worker leaves it when killed while running the task."""
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=["killed-worker"],
    )


def requeue_stalled():
    out = StringIO()
    call_command("requeue_stalled_tasks", stdout=out)
    return out.getvalue()


def confirmation_subject(event):
    with translation.override("fr"):
        return translation.gettext("Registration confirmed: %(workshop)s") % {
            "workshop": event.title_fr
        }


def test_an_email_waits_in_the_queue_while_the_mail_server_is_down(
    open_workshop, register, mail_server, work
):
    event = open_workshop()
    made = register(event)

    work()

    first, retry = rows()
    assert first.status == Status.SUCCESSFUL
    assert first.return_value == "retrying in 0:01:00"
    assert retry.status == Status.READY
    assert retry.args_kwargs == {"args": [made.pk, "confirmed"], "kwargs": {"attempt": 1}}
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)

    mail_server.start()
    work()
    assert mail_server.received == []  # not due yet
    assert rows()[1].status == Status.READY

    make_due(retry)
    work()

    [received] = mail_server.received
    assert received["To"].addresses[0].addr_spec == made.email
    assert received["Subject"].strip() == confirmation_subject(event)
    assert rows()[1].return_value == "sent"
    assert len(rows()) == 2

    send_registration_email.enqueue(made.pk, "confirmed")
    work()

    assert len(mail_server.received) == 1
    assert rows()[-1].return_value == "already sent"


def test_the_waits_grow_to_an_hour_and_stop_after_a_day(
    open_workshop, register, mail_server, work, caplog
):
    delays = [tasks_recovery.retry_delay(attempt) for attempt in range(8)]
    assert [delay.total_seconds() / 60 for delay in delays] == [1, 2, 4, 8, 16, 32, 60, 60]
    last = next(n for n in range(100) if tasks_recovery.waited(n) > tasks_recovery.GIVE_UP_AFTER)
    assert datetime.timedelta(hours=23) < tasks_recovery.waited(last - 1)
    made = register(open_workshop())
    work()
    retry = rows()[1]
    DBTaskResult.objects.filter(pk=retry.pk).update(
        args_kwargs={"args": [made.pk, "confirmed"], "kwargs": {"attempt": last}},
        run_after=timezone.now(),
    )

    with caplog.at_level(logging.ERROR, logger="documents.tasks_recovery"):
        work()

    assert [row.status for row in rows()] == [Status.SUCCESSFUL, Status.FAILED]
    assert "given up" in caplog.text
    # A manual run may still send it.
    assert not EmailDelivery.objects.filter(key=claim_key(made, "confirmed")).exists()


def test_a_recipient_refused_for_good_is_not_retried(open_workshop, register, mail_server, work):
    register(open_workshop(), email="refused@example.org")
    mail_server.start()

    work()

    [row] = rows()
    assert row.status == Status.FAILED
    assert row.exception_class_path == "smtplib.SMTPRecipientsRefused"
    assert mail_server.received == []


def test_a_task_left_running_by_a_killed_worker_is_sent_once(
    open_workshop, register, mail_server, work
):
    mail_server.start()
    made = register(open_workshop())
    [row] = rows()

    left_running(row, minutes_ago=5)  # maybe still running: left alone
    assert requeue_stalled().startswith("0 ")
    work()
    assert mail_server.received == []
    assert rows()[0].status == Status.RUNNING

    left_running(row, minutes_ago=20)
    assert requeue_stalled().startswith("1 ")
    row.refresh_from_db()
    assert (row.status, row.worker_ids, row.started_at) == (Status.READY, [], None)

    work()
    requeue_stalled()
    work()

    [received] = mail_server.received
    assert received["To"].addresses[0].addr_spec == made.email
    assert [row.return_value for row in rows()] == ["sent"]


def test_an_email_sent_before_the_worker_was_killed_is_not_sent_again(
    open_workshop, register, mail_server, work
):
    mail_server.start()
    register(open_workshop())
    work()
    [row] = rows()
    assert len(mail_server.received) == 1

    # Killed after the server accepted the email, before the row was marked SUCCESSFUL.
    left_running(row, minutes_ago=20)
    requeue_stalled()
    work()

    assert len(mail_server.received) == 1
    assert [row.return_value for row in rows()] == ["already sent"]


def test_an_email_another_worker_is_sending_is_looked_at_again_later(
    open_workshop, register, mail_server, work
):
    """A run that finds the email being sent sends nothing, but comes back once that claim has
    expired: if the other worker died before the server accepted it, it is sent then."""
    mail_server.start()
    made = register(open_workshop())
    key = claim_key(made, "confirmed")
    claimed_until = timezone.now() + datetime.timedelta(seconds=tasks_recovery.SENDING_SECONDS)
    EmailDelivery.objects.create(key=key, state="sending", claimed_until=claimed_until)
    work()

    first, later = rows()
    assert first.return_value == "being sent"
    assert later.status == Status.READY
    assert later.run_after > timezone.now() + datetime.timedelta(minutes=9)
    assert mail_server.received == []

    # The claim expired: its worker died before the server accepted the email.
    EmailDelivery.objects.filter(key=key).update(claimed_until=timezone.now())
    make_due(later)
    work()

    assert len(mail_server.received) == 1
    assert rows()[1].return_value == "sent"


def test_an_email_sent_is_not_sent_again_after_the_cache_is_emptied(
    open_workshop, register, mail_server, work
):
    """Killed after the server accepted the email, with Redis restarted before the task runs
    again: the "sent" mark is in the database, not in the cache."""
    mail_server.start()
    register(open_workshop())
    work()
    [row] = rows()
    assert len(mail_server.received) == 1

    left_running(row, minutes_ago=20)
    cache.clear()
    requeue_stalled()
    work()

    assert len(mail_server.received) == 1
    assert [row.return_value for row in rows()] == ["already sent"]


def test_a_worker_stopped_by_force_queues_the_email_again(
    open_workshop, register, mail_server, work, monkeypatch
):
    mail_server.start()
    register(open_workshop())
    sendmail = smtplib.SMTP.sendmail
    stops = []

    def stopped_once(self, *args, **kwargs):
        if not stops:
            stops.append(True)
            raise SystemExit(1)  # what db_worker raises on a second SIGTERM or Ctrl-C
        return sendmail(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "sendmail", stopped_once)

    work()

    assert [row.status for row in rows()] == [Status.FAILED, Status.SUCCESSFUL]
    assert len(mail_server.received) == 1


def test_a_group_message_waits_for_the_server_and_goes_once(
    open_workshop, register, mail_server, work
):
    made = register(open_workshop())
    send_participant_message.enqueue(made.pk, "Salle changée", "Rendez-vous salle B.")
    work()
    first, retry = rows(PARTICIPANT_MESSAGE)
    assert retry.args_kwargs["kwargs"] == {"attempt": 1, "sending": str(first.pk)}

    mail_server.start()
    make_due(retry)
    work()
    left_running(retry, minutes_ago=20)  # killed after the server accepted it
    requeue_stalled()
    work()

    messages = [m for m in mail_server.received if m["Subject"] == "Salle changée"]
    assert len(messages) == 1
    assert messages[0]["To"].addresses[0].addr_spec == made.email
    assert [row.return_value for row in rows(PARTICIPANT_MESSAGE)] == [
        "retrying in 0:01:00",
        "already sent",
    ]
