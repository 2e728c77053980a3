# ruff: noqa: F811 - the fixtures of test_recommendations.py are imported, then used as arguments
"""The daily reminders: one digest per focal point, of the right recommendations, in their
language, and nothing twice the same day."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from stakeholders import recommendations as rules
from stakeholders.models import ProgressUpdate, Recommendation, RecommendationReminder

from .test_recommendations import make_recommendation, org_a, org_b  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


def created_days_ago(recommendation, number):
    Recommendation.objects.filter(pk=recommendation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=number)
    )


def run():
    call_command("send_recommendation_reminders", stdout=io.StringIO())


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


def test_each_focal_point_gets_one_digest_of_their_recommendations(portfolio):
    run()

    assert len(mail.outbox) == 3
    assert refs_in(digest_to("amina@example.org")) == ["TN-REM-1", "TN-REM-2", "TN-REM-3"]
    assert refs_in(digest_to("bruno@example.org")) == ["TN-REM-9"]
    # A recommendation that names its focal points goes to them, not to the lead's.
    assert refs_in(digest_to("chloe@example.org")) == ["TN-REM-10"]


def test_digest_is_in_the_focal_points_language(portfolio):
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
    assert "/ar/partner-space/recommendations/" in html

    bruno = digest_to("bruno@example.org")
    assert bruno.subject == in_language("en", subject, plural, 1, count=1)
    assert portfolio["b_due"].title_en in bruno.body
    assert "/en/partner-space/recommendations/" in bruno.body

    chloe = digest_to("chloe@example.org")  # no account: French
    assert chloe.subject == in_language("fr", subject, plural, 1, count=1)
    assert portfolio["b_named"].title_fr in chloe.body


def test_digest_sorts_its_recommendations_into_sections(portfolio):
    run()

    body = digest_to("amina@example.org").body
    overdue = body.index(in_language("ar", "Past their target date"))
    due = body.index(in_language("ar", "Due within 30 days"))
    quiet = body.index(in_language("ar", "No update for 90 days"))
    assert overdue < body.index("TN-REM-2") < due < body.index("TN-REM-1") < quiet
    assert quiet < body.index("TN-REM-3")


def test_second_run_the_same_day_sends_nothing(portfolio):
    run()
    mail.outbox.clear()

    run()

    assert mail.outbox == []
    assert RecommendationReminder.objects.filter(sent_on=TODAY).count() == 3


def test_the_digest_records_what_it_was_about(portfolio, people):
    run()

    reminder = RecommendationReminder.objects.get(person=people["amina"])
    assert sorted(r.reference for r in reminder.recommendations.all()) == [
        "TN-REM-1",
        "TN-REM-2",
        "TN-REM-3",
    ]


def test_a_failed_send_is_tried_again_on_the_next_run(portfolio, monkeypatch):
    def broken(self, fail_silently=False):
        raise ConnectionError("SMTP server down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
        with pytest.raises(ConnectionError):
            run()
    assert not RecommendationReminder.objects.exists()

    run()

    assert len(mail.outbox) == 3


def test_focal_point_without_a_valid_address_gets_nothing(
    org_a, make_person, make_affiliation, make_recommendation
):
    person = make_person("Sans", "Adresse", email="")
    make_affiliation(person=person, organisation=org_a, is_focal_point=True)
    make_recommendation(org_a, reference="TN-REM-99", target_date=days(1))

    run()

    assert mail.outbox == []
    assert not RecommendationReminder.objects.exists()


def test_nothing_needs_attention_nothing_is_sent(org_a, people, make_recommendation):
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
