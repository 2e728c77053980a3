# ruff: noqa: F811 - the fixtures of test_recommendations.py are imported, then used as arguments
"""Progress updates: a focal point proposes, staff validate or return, only a validated update
moves the recommendation; "implemented" needs evidence; updates are append-only; the timeline
lists them all in order."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from stakeholders import recommendations as rules
from stakeholders.models import ProgressEvidence, ProgressReview, ProgressUpdate
from tests.routes import route

from .test_recommendations import (  # noqa: F401 - fixtures
    focal_a,
    focal_b,
    make_recommendation,
    org_a,
    org_b,
    recommendation_staff,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n"
NEEDS_EVIDENCE = "To report the recommendation as implemented, add evidence: a file or a link."


def fr(msgid, **params):
    with translation.override("fr"):
        text = gettext(msgid)
    return text % params if params else text


@pytest.fixture
def recommendation(org_a, org_b, make_recommendation):
    return make_recommendation(org_a, supporting=[org_b])


@pytest.fixture
def focal(client, focal_a):
    client.force_login(focal_a)
    client.user = focal_a
    return client


@pytest.fixture
def staff(recommendation_staff):
    """A client of its own, logged in as staff who may review updates."""
    client = Client()
    client.force_login(recommendation_staff)
    client.user = recommendation_staff
    return client


def propose(client, recommendation, **data):
    data = {"status": "in_progress", "progress": "30", "narrative": "Atelier tenu.", **data}
    return client.post(route("stakeholders:recommendations:propose", recommendation.pk), data)


def review(client, update, decision, comment=""):
    return client.post(
        f"/admin/recommendations/{update.recommendation_id}/updates/{update.pk}/review/",
        {"decision": decision, "comment": comment},
    )


def proposed(recommendation, user, organisation, status="in_progress", progress=30, **kwargs):
    return rules.propose_update(
        recommendation,
        user,
        organisation,
        status,
        progress,
        kwargs.get("narrative", "Fait."),
        kwargs.get("evidence", ()),
    )


# Proposing


def test_proposed_update_waits_and_leaves_the_recommendation_as_it_was(
    focal, recommendation, org_a
):
    response = propose(focal, recommendation, narrative="Le comité de pilotage s'est réuni.")

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.author, update.organisation) == (focal.user, org_a)
    assert (update.proposed_status, update.proposed_progress) == ("in_progress", 30)
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == ("not_started", 0)
    detail = focal.get(response["Location"])
    assert "Le comité de pilotage s&#x27;est réuni." in detail.text
    assert fr("Waiting for review") in detail.text


def test_narrative_and_comment_keep_the_language_their_authors_wrote_in(
    focal, staff, recommendation
):
    """A narrative proposed in the Arabic partner space is Arabic; the French page marks it so,
    as it marks the comment of staff who read the admin in English."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=staff.user, defaults={"preferred_language": "en"})
    focal.post(
        route("stakeholders:recommendations:propose", recommendation.pk, language="ar"),
        {"status": "in_progress", "progress": "30", "narrative": "عُقدت ورشة العمل."},
    )
    update = ProgressUpdate.objects.get()
    review(staff, update, "return", "Attach the minutes.")

    assert (update.language, ProgressReview.objects.get().language) == ("ar", "en")
    page = focal.get(route("stakeholders:recommendations:detail", recommendation.pk)).text
    assert '<div lang="ar" dir="rtl"><p>عُقدت ورشة العمل.</p></div>' in page
    assert '<span lang="en" dir="ltr">Attach the minutes.</span>' in page
    arabic = focal.get(
        route("stakeholders:recommendations:detail", recommendation.pk, language="ar")
    ).text
    assert "<div><p>عُقدت ورشة العمل.</p></div>" in arabic


def test_focal_point_of_a_supporting_organisation_proposes_too(
    client, recommendation, focal_b, org_b
):
    client.force_login(focal_b)

    response = propose(client, recommendation)

    assert response.status_code == 302
    assert ProgressUpdate.objects.get().organisation == org_b


def test_implemented_without_evidence_is_refused_with_a_translated_error(focal, recommendation):
    response = propose(
        focal, recommendation, status="implemented", progress="100", narrative="Fini."
    )

    assert response.status_code == 200
    assert fr(NEEDS_EVIDENCE) in response.text
    assert "Fini." in response.text  # what was typed is kept
    assert not ProgressUpdate.objects.exists()


def test_implemented_with_a_link_is_accepted(focal, recommendation):
    response = propose(
        focal,
        recommendation,
        status="implemented",
        progress="100",
        links="https://www.jort.gov.tn/decret-2025-12",
    )

    assert response.status_code == 302
    evidence = ProgressEvidence.objects.get()
    assert evidence.url == "https://www.jort.gov.tn/decret-2025-12"


def test_implemented_with_a_file_is_accepted_and_the_file_kept(focal, recommendation):
    upload = SimpleUploadedFile("décret final.pdf", PDF, content_type="application/pdf")

    response = propose(focal, recommendation, status="implemented", progress="100", files=upload)

    assert response.status_code == 302
    evidence = ProgressEvidence.objects.get()
    assert evidence.file.read() == PDF
    assert evidence.file.name.endswith("/decret_final.pdf") or "final.pdf" in evidence.file.name
    download = focal.get(route("stakeholders:recommendations:evidence", evidence.pk))
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "content", "msgid"),
    [
        ("virus.exe", b"MZ\x90\x00", "“%(name)s”: upload a file of one of these types: %(types)s."),
        (
            "image.pdf",
            b"\x89PNG\r\n\x1a\n....",
            "The content of “%(name)s” does not match its type.",
        ),
    ],
)
def test_evidence_file_of_the_wrong_type_is_refused(focal, recommendation, name, content, msgid):
    upload = SimpleUploadedFile(name, content)

    response = propose(focal, recommendation, files=upload)

    assert response.status_code == 200
    expected = fr(msgid, name=name, types=", ".join(sorted(rules.EVIDENCE_MAGIC)))
    assert expected.replace("“", "&ldquo;") in response.text or expected in response.text
    assert not ProgressUpdate.objects.exists()


def test_evidence_file_too_large_is_refused(focal, recommendation, monkeypatch):
    monkeypatch.setattr(rules, "MAX_EVIDENCE_SIZE", 10)

    response = propose(focal, recommendation, files=SimpleUploadedFile("big.pdf", PDF))

    assert fr("“%(name)s” is too large (10 MB at most).", name="big.pdf") in response.text
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        ({"progress": "140"}, "The progress is a whole number from 0 to 100."),
        ({"narrative": "  "}, "Say what was done."),
        ({"links": "javascript:alert(1)"}, "“%(link)s” is not a web address."),
        (
            {"status": "implemented", "progress": "60", "links": "https://example.org/a"},
            "An implemented recommendation has a progress of 100.",
        ),
    ],
)
def test_bad_input_comes_back_with_a_translated_error(focal, recommendation, data, msgid):
    response = propose(focal, recommendation, **data)

    assert response.status_code == 200
    assert fr(msgid, link=data.get("links", "")) in response.text.replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )
    assert not ProgressUpdate.objects.exists()


def test_only_one_update_waits_at_a_time(focal, recommendation):
    propose(focal, recommendation)

    response = propose(focal, recommendation, narrative="Encore.")

    assert response.status_code == 302
    assert ProgressUpdate.objects.count() == 1


def test_rules_refuse_an_organisation_that_is_not_responsible(
    recommendation, focal_a, make_organisation
):
    other = make_organisation("Autre")

    with pytest.raises(PermissionDenied):
        proposed(recommendation, focal_a, other)


def test_rules_refuse_implemented_without_evidence(recommendation, focal_a, org_a):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        proposed(recommendation, focal_a, org_a, status="implemented", progress=100)

    assert fr(NEEDS_EVIDENCE) in error.value.messages


# Reviewing


def test_validated_update_moves_the_recommendation(staff, recommendation, focal_a, org_a):
    update = proposed(recommendation, focal_a, org_a, status="partially_implemented", progress=60)

    response = review(staff, update, "validate", "Merci.")

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == ("partially_implemented", 60)
    assert recommendation.last_validated_at is not None
    decision = ProgressReview.objects.get(update=update)
    assert (decision.decision, decision.reviewer, decision.comment) == (
        "validated",
        staff.user,
        "Merci.",
    )


def test_returned_update_needs_a_comment_and_leaves_the_recommendation(
    staff, recommendation, focal_a, org_a
):
    update = proposed(recommendation, focal_a, org_a, status="planned", progress=0)

    refused = review(staff, update, "return", "")
    assert not ProgressReview.objects.exists()
    assert (
        fr("Say why the update is returned: its authors will read it.")
        in staff.get(refused["Location"]).text
    )

    review(staff, update, "return", "Joindre le procès-verbal.")

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == ("not_started", 0)
    assert ProgressReview.objects.get().decision == "returned"


def test_after_a_return_the_focal_point_proposes_again(
    focal, recommendation, focal_a, org_a, recommendation_staff
):
    update = proposed(recommendation, focal_a, org_a)
    rules.return_update(update, recommendation_staff, "Précisez.")

    response = propose(focal, recommendation, narrative="Précisé.")

    assert response.status_code == 302
    assert ProgressUpdate.objects.count() == 2
    assert (
        "Précisez."
        in focal.get(route("stakeholders:recommendations:detail", recommendation.pk)).text
    )


def test_an_update_is_reviewed_once(recommendation, focal_a, org_a, recommendation_staff):
    update = proposed(recommendation, focal_a, org_a)
    rules.validate(update, recommendation_staff)

    with pytest.raises(ValidationError):
        rules.return_update(update, recommendation_staff, "Trop tard.")


def test_only_staff_who_may_change_recommendations_review(
    client, recommendation, focal_a, org_a, make_admin_user
):
    update = proposed(recommendation, focal_a, org_a)
    viewer = make_admin_user(permissions=["stakeholders.view_recommendation"])

    with pytest.raises(PermissionDenied):
        rules.validate(update, focal_a)
    with pytest.raises(PermissionDenied):
        rules.validate(update, viewer)
    client.force_login(viewer)
    review(client, update, "validate")
    client.force_login(focal_a)
    review(client, update, "validate")

    assert not ProgressReview.objects.exists()
    recommendation.refresh_from_db()
    assert recommendation.status == "not_started"


def test_viewer_sees_the_timeline_without_the_review_form(
    client, recommendation, focal_a, org_a, make_admin_user
):
    proposed(recommendation, focal_a, org_a)
    viewer = make_admin_user(permissions=["stakeholders.view_recommendation"])
    client.force_login(viewer)

    response = client.get(f"/admin/recommendations/inspect/{recommendation.pk}/")

    assert response.status_code == 200
    assert "Fait." in response.text
    assert 'name="decision"' not in response.text


# The timeline


def test_timeline_lists_every_update_in_order(
    focal, staff, recommendation, focal_a, org_a, recommendation_staff
):
    first = proposed(recommendation, focal_a, org_a, narrative="Première étape.")
    rules.validate(first, recommendation_staff)
    second = proposed(recommendation, focal_a, org_a, narrative="Deuxième étape.")
    rules.return_update(second, recommendation_staff, "À compléter.")
    proposed(recommendation, focal_a, org_a, narrative="Troisième étape.")

    partner = focal.get(route("stakeholders:recommendations:detail", recommendation.pk)).text
    admin = staff.get(f"/admin/recommendations/inspect/{recommendation.pk}/").text

    for page in (partner, admin):
        # The last mention: the admin shows the update waiting for review above the timeline too.
        positions = [page.rindex(text) for text in ("Première", "Deuxième", "Troisième")]
        assert positions == sorted(positions)
    assert "À compléter." in partner
    assert admin.count('name="decision" value="validate"') == 1


# Append-only


def test_updates_evidence_and_reviews_are_never_changed_nor_deleted(
    recommendation, focal_a, org_a, recommendation_staff
):
    update = proposed(
        recommendation, focal_a, org_a, evidence=[rules.Evidence(url="https://example.org/pv")]
    )
    rules.validate(update, recommendation_staff)
    for row in (update, update.evidence.get(), ProgressReview.objects.get()):
        with pytest.raises(PermissionError):
            row.save()
        with pytest.raises(PermissionError):
            row.delete()
        with pytest.raises(PermissionError):
            type(row).objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE stakeholders_progressupdate SET narrative = 'changé'",
        "UPDATE stakeholders_progressupdate SET author_id = NULL, narrative = 'changé'",
        "DELETE FROM stakeholders_progressupdate",
        "UPDATE stakeholders_progressevidence SET url = 'https://evil.example/'",
        "DELETE FROM stakeholders_progressevidence",
        "UPDATE stakeholders_progressreview SET decision = 'returned'",
        "DELETE FROM stakeholders_progressreview",
    ],
)
def test_postgresql_refuses_changes_made_behind_the_models_back(
    recommendation, focal_a, org_a, recommendation_staff, sql
):
    update = proposed(
        recommendation, focal_a, org_a, evidence=[rules.Evidence(url="https://example.org/pv")]
    )
    rules.validate(update, recommendation_staff)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
def test_postgresql_lets_a_deleted_account_leave_its_updates_authorless(
    recommendation, focal_a, org_a, recommendation_staff
):
    update = proposed(recommendation, focal_a, org_a)
    rules.validate(update, recommendation_staff)

    focal_a.delete()
    recommendation_staff.delete()

    update = ProgressUpdate.objects.select_related("review").get()
    assert update.author is None
    assert update.review.reviewer is None
    assert update.narrative == "Fait."


def test_permission_names_exist():
    """The review permission is the model's own change permission (no migration needed)."""
    app_label, codename = rules.REVIEW_PERMISSION.split(".")
    assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_a_recommendation_with_updates_is_never_deleted(staff, recommendation, focal_a, org_a):
    proposed(recommendation, focal_a, org_a)

    response = staff.post(f"/admin/recommendations/delete/{recommendation.pk}/")

    assert response.status_code == 302
    assert ProgressUpdate.objects.get().recommendation.pk == recommendation.pk
    message = (
        "This recommendation has progress updates: it cannot be deleted. Untick “public” to "
        "take it out of the tracker."
    )
    assert fr(message) in staff.get(response["Location"]).text.replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )


def test_a_recommendation_without_updates_can_be_deleted(staff, recommendation):
    response = staff.post(f"/admin/recommendations/delete/{recommendation.pk}/")

    assert response.status_code == 302
    assert not type(recommendation).objects.filter(pk=recommendation.pk).exists()


def test_timeline_costs_the_same_queries_whatever_its_length(
    focal,
    staff,
    recommendation,
    focal_a,
    org_a,
    recommendation_staff,
    django_assert_max_num_queries,
):
    def add_update(number):
        update = proposed(
            recommendation,
            focal_a,
            org_a,
            narrative=f"Étape {number}.",
            evidence=[rules.Evidence(url=f"https://example.org/{number}")],
        )
        rules.validate(update, recommendation_staff, "Vu.")

    add_update(0)
    urls = [
        (focal, route("stakeholders:recommendations:detail", recommendation.pk)),
        (staff, f"/admin/recommendations/inspect/{recommendation.pk}/"),
    ]
    at_one = []
    for client, url in urls:
        with django_assert_max_num_queries(1000) as captured:
            client.get(url)
        at_one.append(len(captured))
    for number in range(1, 20):
        add_update(number)

    for (client, url), limit in zip(urls, at_one, strict=True):
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert "Étape 19." in response.text
