"""Emails that wait out a mail server outage and survive a worker's death, each sent once.

The database task worker (django_tasks_db's `db_worker`) runs a task once: a task that raises is
marked FAILED and never run again, and a worker killed mid-task (SIGKILL, out of memory, power
loss) leaves its row RUNNING for ever. Two remedies:

- `send_once(message, key, task, *args)` sends an email from a task. When the mail server is
  unreachable, times out or answers with a temporary error, the task queues itself again
  (`run_after` 1, 2, 4 … 60 minutes later, an `attempt` counter in its arguments) and ends
  normally: the email waits in the task table, a READY row, until the server is back. After
  about 24 hours it gives up: an error is logged and the row is FAILED. A recipient that the
  server refuses for good (5xx) is not retried. A worker stopped by force (a second SIGTERM or
  Ctrl-C) queues the task again before it dies.
- `requeue_stalled(older_than)` (`manage.py requeue_stalled_tasks`, run every few minutes) puts
  the rows left RUNNING for longer than any task runs back to READY, so another worker runs them.

What makes it "once": a claim in the database (documents.models.EmailDelivery), named by the
email (`key`), shared by every worker. It is taken by inserting its row, whose key is unique, so
two workers cannot both take it. It says "sending" (until `SENDING_SECONDS` later) from before
the email is handed to the mail server, and "sent" as soon as the server has accepted it, before
the connection is closed. A run that finds "sent" sends nothing. A run that finds "sending" sends
nothing now and looks again once that claim has expired (another worker is sending it, or died
doing so); the first run to find it expired takes it over. A failed send releases the claim. A
task requeued after its worker died therefore finds either "sent" (the server had accepted the
email: nothing is sent again) or nothing (the worker died before, and `requeue_stalled`'s
threshold is longer than the "sending" claim lives: the email goes now). Restarting or
clearing the cache (Redis) changes none of this. An email is thus neither lost nor sent twice,
except:

- sent twice if the worker dies, or the connection is cut, between the server's acceptance of
  the message (its reply to DATA) and the "sent" mark: the server has it, the worker cannot
  know. No mail server protocol closes that window; here it is one database write long, unless
  the reply itself is lost (a cut during DATA), then it is retried and may arrive twice;
- sent twice if the same email is sent again more than `SENT_KEPT` later (its "sent" mark is
  deleted then), or after a restore of a backup older than its "sent" mark;
- sent twice if a task is still running when `requeue_stalled` takes it for dead, which needs
  an SMTP conversation longer than `SENDING_SECONDS` (EMAIL_TIMEOUT bounds each step of it);
- lost if the mail server keeps failing for about 24 hours, or refuses the recipient for good
  (both logged, the row FAILED);
- with a backend that runs tasks at once (the immediate backend of development and the test
  suite) there is no queue to wait in: a failure raises, as it did before.
"""

import datetime
import logging
import smtplib

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

from .models import EmailDelivery

logger = logging.getLogger(__name__)

SENDING, SENT = EmailDelivery.State.SENDING, EmailDelivery.State.SENT
# Longer than one SMTP conversation can last with EMAIL_TIMEOUT on each of its steps.
SENDING_SECONDS = 10 * 60
# Well beyond any worker's backlog, or a duplicate task's delay.
SENT_KEPT = datetime.timedelta(days=30)
FIRST_DELAY = datetime.timedelta(minutes=1)
LONGEST_DELAY = datetime.timedelta(hours=1)
GIVE_UP_AFTER = datetime.timedelta(hours=24)
# Longer than SENDING_SECONDS: a requeued email never finds its dead worker's "sending" claim.
STALLED_AFTER = datetime.timedelta(minutes=15)


def retry_delay(attempt):
    """How long to wait after the failure of attempt number `attempt` (0 is the first)."""
    return min(FIRST_DELAY * 2 ** min(attempt, 6), LONGEST_DELAY)


def waited(attempt):
    """How long the email will have waited once the delay after `attempt` has passed."""
    return sum((retry_delay(number) for number in range(attempt + 1)), datetime.timedelta())


def can_wait(task):
    """Whether the task's backend keeps tasks to run later (not the immediate backend)."""
    return task.get_backend().supports_defer


def enqueue_later(task, delay, args, kwargs):
    return task.using(run_after=timezone.now() + delay).enqueue(*args, **kwargs)


def refused_for_good(error):
    """The server refused every recipient with a permanent (5xx) answer: retrying won't help."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _message in error.recipients.values()
    )


def claim(key):
    """Whether this run may send the email named `key`: nobody has claimed it, or the claim of
    a run that died has expired. One run only gets True, whatever the others do at once."""
    now = timezone.now()
    until = now + datetime.timedelta(seconds=SENDING_SECONDS)
    try:
        with transaction.atomic():  # a savepoint: a task run inside a transaction goes on
            EmailDelivery.objects.create(key=key, state=SENDING, claimed_until=until)
        return True
    except IntegrityError:  # claimed already
        pass
    expired = EmailDelivery.objects.filter(key=key, state=SENDING, claimed_until__lte=now)
    return bool(expired.update(claimed_until=until))


def release(key):
    EmailDelivery.objects.filter(key=key, state=SENDING).delete()


def mark_sent(key):
    now = timezone.now()
    EmailDelivery.objects.filter(key=key).update(state=SENT, sent_at=now, claimed_until=None)
    EmailDelivery.objects.filter(sent_at__lt=now - SENT_KEPT).delete()


def send_once(message, key, task, *args, attempt=0, **kwargs):
    """Send `message` from `task`, once for `key`; returns what happened, as the task's result.

    `task(*args, **kwargs, attempt=…)` is what gets queued again when the email must wait.
    """
    if not claim(key):
        if EmailDelivery.objects.filter(key=key, state=SENT).exists():
            return "already sent"
        if can_wait(task):
            enqueue_later(
                task,
                datetime.timedelta(seconds=SENDING_SECONDS),
                args,
                {**kwargs, "attempt": attempt},
            )
        return "being sent"
    accepted = False
    try:
        with get_connection() as connection:
            connection.send_messages([message])
            accepted = True
            # Before the goodbye (QUIT): a worker killed during it must not send it again.
            mark_sent(key)
    except OSError as error:  # smtplib's errors, refused connections and timeouts are OSErrors
        if accepted:  # only the goodbye failed: the server has the email
            return "sent"
        release(key)
        if refused_for_good(error) or not can_wait(task) or waited(attempt) > GIVE_UP_AFTER:
            logger.error("Email %s not sent, attempt %s, given up: %s", key, attempt + 1, error)
            raise
        delay = retry_delay(attempt)
        enqueue_later(task, delay, args, {**kwargs, "attempt": attempt + 1})
        logger.warning("Email %s not sent (%s): trying again in %s", key, error, delay)
        return f"retrying in {delay}"
    except BaseException as error:
        if not accepted:
            release(key)
            # The worker is being stopped by force: its row will be FAILED, so queue a new one.
            if not isinstance(error, Exception) and can_wait(task):
                task.enqueue(*args, **kwargs, attempt=attempt)
        raise
    return "sent"


def requeue_stalled(older_than=STALLED_AFTER):
    """Put the task rows RUNNING since before `older_than` ago back to READY; returns how many.

    A worker that dies leaves its row RUNNING: nothing else would ever run it. The threshold
    tells a dead worker's row from one still running, so it must exceed the longest task.
    """
    from django_tasks_db.models import DBTaskResult  # the model, once the apps are loaded

    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=timezone.now() - older_than)
        .update(status=TaskResultStatus.READY, started_at=None, worker_ids=[])
    )
