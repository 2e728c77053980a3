# ruff: noqa: F811 - fixtures imported from other test modules, then used as arguments
"""What waits for staff: the admin home's “Waiting for you” panel lists each kind with its count
and links (only to those who may act on it, at a fixed cost in queries); a recommendation's page
puts the review form first; a status that contradicts its progress is refused."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.users.models import UserProfile

from events.models import EventPage, Registration
from stakeholders import recommendations as rules
from stakeholders.models import ProgressReview, ProgressUpdate
from tests.events.conftest import (  # noqa: F401 - fixtures
    event_index,
    make_event,
    make_registration,
    open_workshop,
)
from tests.events.test_staff_participants import workshop_staff  # noqa: F401 - fixture
from tests.routes import route

from .test_import import HEADER, csv_file
from .test_recommendations import focal_a, make_recommendation, org_a  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"
PROPOSED = "Union des travailleurs"  # what participant_fields types in as its organisation
EVERY_PERMISSION = [
    "stakeholders.view_recommendation",
    "stakeholders.change_recommendation",
    "stakeholders.add_organisation",
    "stakeholders.change_organisation",
]


def translated(msgid, language="fr", **params):
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


def waiting_panel(client):
    """{label: (count, first link, list link)} from the admin home's panel; {} without it."""
    soup = BeautifulSoup(client.get(ADMIN_HOME).text, "html.parser")
    panel = soup.find(id="waiting-for-you-section")
    if panel is None:
        return {}
    rows = {}
    for row in panel.find("tbody").find_all("tr"):
        label, count, actions = row.find_all("td")
        links = [link["href"] for link in actions.find_all("a")]
        rows[label.get_text(strip=True)] = (int(count.get_text(strip=True)), *links)
    return rows


@pytest.fixture
def workshop(open_workshop):
    return open_workshop(capacity=20, mode=EventPage.RegistrationMode.APPROVAL)


@pytest.fixture
def waiting_update(make_recommendation, org_a, focal_a):
    """def make(narrative): a recommendation with a progress update waiting for review."""

    def make(narrative="Le comité de pilotage s'est réuni."):
        recommendation = make_recommendation(org_a)
        return rules.propose_update(recommendation, focal_a, org_a, "in_progress", 30, narrative)

    return make


@pytest.fixture
def staff(client, workshop, workshop_staff):
    """A client as staff who may act on every kind: they run the workshop, review updates,
    add and change organisations."""
    client.force_login(workshop_staff(workshop, permissions=EVERY_PERMISSION))
    return client


def upload_organisations(client):
    rows = [HEADER, ["Ministère de l'Emploi", "وزارة التشغيل", "ministry", "TN", "MFPE"]]
    return client.post(
        "/admin/registry/organisations/import/",
        {"file": SimpleUploadedFile("registry.csv", csv_file(rows))},
    )


# The admin home --------------------------------------------------------------------------------


def test_admin_home_lists_what_waits_with_links_that_open_it(
    staff, workshop, make_registration, waiting_update
):
    update = waiting_update("Le comité de pilotage s'est réuni.")
    registration = make_registration(workshop, first_name="Amina", last_name="Trabelsi")
    assert registration.status == Registration.Status.PENDING
    preview = upload_organisations(staff)
    assert 'name="token"' in preview.text

    panel = waiting_panel(staff)

    updates = panel[translated("Progress updates to review")]
    pending = panel[translated("Registrations to approve")]
    proposed = panel[translated("Organisations proposed by participants, to add to the registry")]
    imports = panel[translated("Imports left in preview")]
    assert [kind[0] for kind in (updates, pending, proposed, imports)] == [1, 1, 1, 1]
    opened = staff.get(updates[1])
    assert opened.status_code == 200
    assert update.recommendation.reference in opened.text
    assert "Le comité de pilotage s&#x27;est réuni." in opened.text
    for kind in (pending, proposed):
        opened = staff.get(kind[1])
        assert opened.status_code == 200
        assert "Trabelsi" in opened.text
    assert PROPOSED in staff.get(proposed[1]).text
    opened = staff.get(imports[1])
    assert opened.status_code == 200
    assert 'name="token"' in opened.text  # the preview, ready to be confirmed
    assert "MFPE" in opened.text or "Ministère de l&#x27;Emploi" in opened.text
    # The filtered lists hold them too.
    assert update.recommendation.reference in staff.get(updates[2]).text
    assert "Trabelsi" in staff.get(pending[2]).text
    assert "Trabelsi" in staff.get(proposed[2]).text


def test_each_kind_is_shown_only_to_staff_who_may_act_on_it(
    client, workshop, open_workshop, make_registration, waiting_update, workshop_staff
):
    waiting_update()
    make_registration(workshop)
    uploader = Client()
    uploader.force_login(workshop_staff(workshop, permissions=EVERY_PERMISSION))
    upload_organisations(uploader)  # its uploader's preview: shown to no one else
    runner = workshop_staff(workshop)  # runs the workshop, nothing on the registry
    other_runner = workshop_staff(open_workshop())
    viewer = workshop_staff(permissions=["stakeholders.view_recommendation"])

    client.force_login(runner)
    assert set(waiting_panel(client)) == {translated("Registrations to approve")}
    client.force_login(other_runner)
    assert waiting_panel(client) == {}
    client.force_login(viewer)
    assert waiting_panel(client) == {}
    assert set(waiting_panel(uploader)) == {
        translated("Progress updates to review"),
        translated("Registrations to approve"),
        translated("Organisations proposed by participants, to add to the registry"),
        translated("Imports left in preview"),
    }


def test_admin_home_costs_the_same_queries_whatever_waits(
    staff, workshop, make_registration, waiting_update
):
    def add_one_of_each(number):
        waiting_update(f"Étape {number}.")
        make_registration(workshop)

    add_one_of_each(0)
    staff.get(ADMIN_HOME)  # what the first request caches is not counted
    with CaptureQueriesContext(connection) as at_one:
        staff.get(ADMIN_HOME)
    for number in range(1, 10):
        add_one_of_each(number)

    with CaptureQueriesContext(connection) as at_ten:
        panel = waiting_panel(staff)

    assert panel[translated("Progress updates to review")][0] == 10
    assert panel[translated("Registrations to approve")][0] == 10
    assert len(at_ten) == len(at_one)


# A recommendation's page -----------------------------------------------------------------------


def test_review_form_comes_before_the_fields_and_the_history(staff, waiting_update):
    update = waiting_update("Atelier national tenu.")

    page = staff.get(f"/admin/recommendations/inspect/{update.recommendation_id}/").text

    form = page.index('name="decision" value="validate"')
    assert form < page.index(update.recommendation.text)
    assert form < page.index('id="timeline-title"')
    assert page.count('name="decision" value="validate"') == 1


# A status that contradicts its progress --------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_focal_points_contradicting_proposal_is_refused_and_kept(
    client, make_recommendation, org_a, focal_a, language
):
    recommendation = make_recommendation(org_a)
    client.force_login(focal_a)

    response = client.post(
        route("stakeholders:recommendations:propose", recommendation.pk, language=language),
        {"status": "planned", "progress": "50", "narrative": "Budget voté."},
    )

    assert response.status_code == 200
    planned = translated("Planned", language)
    message = translated(
        "“%(status)s” means the work has not begun: the progress is 0 %%.",
        language,
        status=planned,
    )
    soup = BeautifulSoup(response.text, "html.parser")
    assert message in soup.get_text()
    assert soup.find("input", {"name": "progress"})["value"] == "50"
    assert soup.find("select", {"name": "status"}).find("option", selected=True)["value"] == (
        "planned"
    )
    assert soup.find("textarea", {"name": "narrative"}).get_text(strip=True) == "Budget voté."
    assert not ProgressUpdate.objects.exists()


NOT_BEGUN = "“%(status)s” means the work has not begun: the progress is 0 %%."
UNDER_WAY = (
    "“%(status)s” means the work has begun and is not finished: the progress is between 1 and "
    "99 %%."
)


@pytest.mark.parametrize(
    ("status", "progress", "msgid"),
    [
        ("not_started", 10, NOT_BEGUN),
        ("planned", 50, NOT_BEGUN),
        ("in_progress", 0, UNDER_WAY),
        ("in_progress", 100, UNDER_WAY),
        ("partially_implemented", 100, UNDER_WAY),
        ("implemented", 90, "An implemented recommendation has a progress of 100."),
        ("planned", 0, None),
        ("in_progress", 1, None),
        ("no_longer_relevant", 40, None),
        ("implemented", 100, None),
    ],
)
def test_a_status_contradicting_its_progress_is_named(status, progress, msgid):
    with translation.override("fr"):
        reason = rules.status_contradiction(status, progress)
        label = str(rules.RecommendationStatus(status).label)
    params = {"status": label} if msgid and "%(" in msgid else {}
    assert reason == (translated(msgid, **params) if msgid else "")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_validating_a_contradicting_update_is_refused_and_the_comment_kept(
    staff, make_recommendation, org_a, focal_a, language
):
    recommendation = make_recommendation(org_a)
    # Proposed before the rule: the database holds such updates.
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        author=focal_a,
        organisation=org_a,
        proposed_status="planned",
        proposed_progress=50,
        narrative="Budget voté.",
    )
    user = staff.session["_auth_user_id"]
    UserProfile.objects.update_or_create(user_id=user, defaults={"preferred_language": language})

    response = staff.post(
        f"/admin/recommendations/{recommendation.pk}/updates/{update.pk}/review/",
        {"decision": "validate", "comment": "Vu en comité."},
    )

    assert response.status_code == 200
    reason = translated(
        "“%(status)s” means the work has not begun: the progress is 0 %%.",
        language,
        status=translated("Planned", language),
    )
    message = translated(
        "This update cannot be validated: %(reason)s Return it to its authors, saying what to "
        "correct.",
        language,
        reason=reason,
    )
    soup = BeautifulSoup(response.text, "html.parser")
    review = soup.find(id="review")
    assert message in review.get_text(" ", strip=True)
    assert review.find("textarea", {"name": "comment"}).get_text() == "Vu en comité."
    assert not ProgressReview.objects.exists()
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == ("not_started", 0)
    # Returning it, with the comment, goes through.
    staff.post(
        f"/admin/recommendations/{recommendation.pk}/updates/{update.pk}/review/",
        {"decision": "return", "comment": "Vu en comité."},
    )
    assert ProgressReview.objects.get().decision == "returned"
