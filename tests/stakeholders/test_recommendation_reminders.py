# ruff: noqa: F811 - the fixtures of test_recommendations.py are imported, then used as arguments
"""The daily reminders: one digest per focal point, of the right recommendations, in their
language, and nothing twice the same day; sent by the task worker, which keeps them queued while
the mail server is down and sends each one once."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_tasks import TaskResultStatus

from stakeholders import recommendations as rules
from stakeholders.models import ProgressUpdate, Recommendation, RecommendationReminder
from tests.routes import route
from tests.site.conftest import work  # noqa: F401 - fixture
from tests.site.test_email_delivery import (  # noqa: F401 - mail_server is a fixture
    left_running,
    mail_server,
    make_due,
    requeue_stalled,
    rows,
)

from .test_recommendations import make_recommendation, org_a, org_b  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


def created_days_ago(recommendation, number):
    Recommendation.objects.filter(pk=recommendation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=number)
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Runs the command, each digest's task queued as its record commits; returns its output.
    Its counts are right in the transactional tests only: elsewhere nothing commits, and the
    captured tasks run once it has printed them."""

    def call():
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_recommendation_reminders", stdout=out)
        return out.getvalue()

    return call


def in_language(language, msgid, plural=None, number=None, **params):
    with translation.override(language):
        text = ngettext(msgid, plural, number) if plural else gettext(msgid)
    return text % params if params else text


def refs_in(message):
    return sorted(set(re.findall(r"TN-REM-\d+", message.body)))


@pytest.fixture
def people(org_a, org_b, make_focal_point, make_person, make_affiliation):
    """Focal points: Amina of A (Arabic account), Bruno of B (English account), Chloé named on
    a recommendation of B (no account: French); Driss, A's former focal point."""
    amina = make_focal_point(
        org_a, email="amina@example.org", first_name="Amina", first_name_ar="أمينة"
    )
    amina.preferred_language = "ar"
    amina.save(update_fields=["preferred_language"])
    bruno = make_focal_point(org_b, email="bruno@example.org", first_name="Bruno")
    bruno.preferred_language = "en"
    bruno.save(update_fields=["preferred_language"])
    chloe = make_person("Chloé", "Nommée", email="chloe@example.org")
    make_focal_point(org_a, email="driss@example.org", until=days(-1))
    return {"amina": amina.person, "bruno": bruno.person, "chloe": chloe}


@pytest.fixture
def portfolio(org_a, org_b, people, make_recommendation):
    def make(number, lead, **fields):
        return make_recommendation(lead, reference=f"TN-REM-{number}", **fields)

    recommendations = {
        "a_due": make(1, org_a, target_date=days(10)),
        "a_overdue": make(2, org_a, target_date=days(-5)),
        "a_quiet": make(3, org_a, target_date=days(200)),
        "a_recent": make(4, org_a, target_date=days(200)),
        "a_far": make(5, org_a, target_date=days(31)),
        "a_done": make(6, org_a, target_date=days(-5), status="implemented", progress=100),
        "a_dropped": make(7, org_a, target_date=days(3), status="no_longer_relevant"),
        "a_quiet_but_updated": make(8, org_a, target_date=days(200)),
        "b_due": make(9, org_b, target_date=days(30)),
        "b_named": make(10, org_b, target_date=days(-1)),
    }
    for name in ("a_quiet", "a_quiet_but_updated"):
        created_days_ago(recommendations[name], 120)
    ProgressUpdate.objects.create(
        recommendation=recommendations["a_quiet_but_updated"],
        proposed_status="in_progress",
        proposed_progress=20,
        narrative="Réunion.",
    )
    recommendations["b_named"].focal_points.set([people["chloe"]])
    return recommendations


def digest_to(address):
    found = [message for message in mail.outbox if address in message.to[0]]
    assert len(found) == 1, [message.to for message in mail.outbox]
    return found[0]


def test_each_focal_point_gets_one_digest_of_their_recommendations(portfolio, run):
    run()

    assert len(mail.outbox) == 3
    assert refs_in(digest_to("amina@example.org")) == ["TN-REM-1", "TN-REM-2", "TN-REM-3"]
    assert refs_in(digest_to("bruno@example.org")) == ["TN-REM-9"]
    # A recommendation that names its focal points goes to them, not to the lead's.
    assert refs_in(digest_to("chloe@example.org")) == ["TN-REM-10"]


def test_digest_is_in_the_focal_points_language(portfolio, run):
    run()

    amina = digest_to("amina@example.org")
    subject = "AMEM: %(count)s recommendation to follow up"
    plural = "AMEM: %(count)s recommendations to follow up"
    assert amina.subject == in_language("ar", subject, plural, 3, count=3)
    assert amina.extra_headers["Content-Language"] == "ar"
    assert portfolio["a_due"].title_ar in amina.body
    assert in_language("ar", "Past their target date") in amina.body
    assert "أمينة" in amina.body  # greeted by her name in Arabic script
    html = amina.alternatives[0].content
    assert 'dir="rtl"' in html
    assert route("stakeholders:recommendations:list", language="ar") in html

    bruno = digest_to("bruno@example.org")
    assert bruno.subject == in_language("en", subject, plural, 1, count=1)
    assert portfolio["b_due"].title_en in bruno.body
    assert route("stakeholders:recommendations:list", language="en") in bruno.body

    chloe = digest_to("chloe@example.org")  # no account: French
    assert chloe.subject == in_language("fr", subject, plural, 1, count=1)
    assert portfolio["b_named"].title_fr in chloe.body


def test_digest_sorts_its_recommendations_into_sections(portfolio, run):
    run()

    body = digest_to("amina@example.org").body
    overdue = body.index(in_language("ar", "Past their target date"))
    due = body.index(in_language("ar", "Due within 30 days"))
    quiet = body.index(in_language("ar", "No update for 90 days"))
    assert overdue < body.index("TN-REM-2") < due < body.index("TN-REM-1") < quiet
    assert quiet < body.index("TN-REM-3")


def test_second_run_the_same_day_sends_nothing(portfolio, run):
    run()
    mail.outbox.clear()

    run()

    assert mail.outbox == []
    assert RecommendationReminder.objects.filter(sent_on=TODAY).count() == 3


def test_the_digest_records_what_it_was_about(portfolio, people, run):
    run()

    reminder = RecommendationReminder.objects.get(person=people["amina"])
    assert sorted(r.reference for r in reminder.recommendations.all()) == [
        "TN-REM-1",
        "TN-REM-2",
        "TN-REM-3",
    ]


def test_a_failed_send_is_tried_again_on_the_next_run(portfolio, monkeypatch, run):
    """With the immediate backend (development) there is no queue to wait in: a digest that
    could not be sent is not recorded, so the next run sends it."""

    def down(self, messages):
        raise ConnectionRefusedError("SMTP server down")

    with monkeypatch.context() as patch:
        patch.setattr(locmem.EmailBackend, "send_messages", down)
        run()
    assert mail.outbox == []
    assert not RecommendationReminder.objects.exists()

    run()

    assert len(mail.outbox) == 3
    assert RecommendationReminder.objects.count() == 3


def test_a_digest_task_run_twice_sends_one_email(portfolio, people, run):
    run()
    reminder = RecommendationReminder.objects.get(person=people["amina"])

    result = rules.send_reminder.enqueue(reminder.pk)

    assert result.return_value == "already sent"
    assert len(mail.outbox) == 3


def test_focal_point_without_a_valid_address_gets_nothing(
    org_a, make_person, make_affiliation, make_recommendation, run
):
    person = make_person("Sans", "Adresse", email="")
    make_affiliation(person=person, organisation=org_a, is_focal_point=True)
    make_recommendation(org_a, reference="TN-REM-99", target_date=days(1))

    run()

    assert mail.outbox == []
    assert not RecommendationReminder.objects.exists()


def test_nothing_needs_attention_nothing_is_sent(org_a, people, make_recommendation, run):
    make_recommendation(org_a, target_date=days(90))

    run()

    assert mail.outbox == []


def test_rules_pick_what_needs_attention(portfolio):
    picked = rules.needing_attention(TODAY)

    assert sorted(r.reference for r in picked) == [
        "TN-REM-1",
        "TN-REM-10",
        "TN-REM-2",
        "TN-REM-3",
        "TN-REM-9",
    ]


# Through the database task queue and a real SMTP conversation (tests/site/test_email_delivery.py)

REMINDER_TASK = "stakeholders.recommendations.send_reminder"
through_the_worker = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def received_by(server, address):
    found = [m for m in server.received if m["To"].addresses[0].addr_spec == address]
    assert len(found) == 1, [m["To"] for m in server.received]
    return found[0]


def refs_in_received(message):
    return sorted(set(re.findall(r"TN-REM-\d+", message.get_body(("plain",)).get_content())))


def task_rows_of(reminder):
    return [row for row in rows(REMINDER_TASK) if row.args_kwargs["args"] == [reminder.pk]]


@through_the_worker
def test_the_command_says_the_digests_sent_at_once_by_the_immediate_backend(portfolio, run):
    assert run().startswith("3 digest(s): 0 queued for the task worker, 3 sent, 0 failed")
    assert len(mail.outbox) == 3


@through_the_worker
def test_digests_wait_in_the_queue_while_the_mail_server_is_down(
    portfolio, people, make_recommendation, org_a, mail_server, work, run
):
    assert run().startswith("3 digest(s): 3 queued for the task worker, 0 sent, 0 failed")
    work()

    retries = [row for row in rows(REMINDER_TASK) if row.status == TaskResultStatus.READY]
    assert len(retries) == 3
    assert [row.return_value for row in rows(REMINDER_TASK)].count("retrying in 0:01:00") == 3
    assert RecommendationReminder.objects.count() == 3  # recorded, waiting
    assert run().startswith("0 digest(s)")  # nothing queued twice the same day
    # Due after the digest was recorded: it waits for tomorrow's digest.
    make_recommendation(org_a, reference="TN-REM-11", target_date=days(2))

    mail_server.start()
    for row in retries:
        make_due(row)
    work()

    assert len(mail_server.received) == 3
    amina = received_by(mail_server, "amina@example.org")
    assert refs_in_received(amina) == ["TN-REM-1", "TN-REM-2", "TN-REM-3"]
    subject = "AMEM: %(count)s recommendation to follow up"
    plural = "AMEM: %(count)s recommendations to follow up"
    assert amina["Subject"].strip() == in_language("ar", subject, plural, 3, count=3)
    assert refs_in_received(received_by(mail_server, "bruno@example.org")) == ["TN-REM-9"]
    assert refs_in_received(received_by(mail_server, "chloe@example.org")) == ["TN-REM-10"]
    assert [row.return_value for row in rows(REMINDER_TASK)].count("sent") == 3


@through_the_worker
def test_a_digest_task_run_again_after_its_worker_died_sends_one_email(
    portfolio, people, mail_server, work, run
):
    mail_server.start()
    run()
    reminder = RecommendationReminder.objects.get(person=people["amina"])
    [row] = task_rows_of(reminder)
    work()
    assert len(mail_server.received) == 3

    # Killed after the server accepted the digest, before the row was marked SUCCESSFUL; and
    # queued a second time.
    left_running(row, minutes_ago=20)
    requeue_stalled()
    rules.send_reminder.enqueue(reminder.pk)
    work()

    assert len(mail_server.received) == 3
    assert [row.return_value for row in task_rows_of(reminder)] == ["already sent", "already sent"]


@through_the_worker
def test_a_digest_whose_worker_died_before_sending_it_is_sent(
    portfolio, people, mail_server, work, run
):
    mail_server.start()
    run()
    reminder = RecommendationReminder.objects.get(person=people["bruno"])
    [row] = task_rows_of(reminder)
    left_running(row, minutes_ago=20)  # killed before it reached the mail server
    work()
    assert [m["To"].addresses[0].addr_spec for m in mail_server.received].count(
        "bruno@example.org"
    ) == 0

    requeue_stalled()
    work()

    assert refs_in_received(received_by(mail_server, "bruno@example.org")) == ["TN-REM-9"]
    assert [row.return_value for row in task_rows_of(reminder)] == ["sent"]
