"""Bulk badges laid out by the task worker: the request only records a job and sends the staff to
its page, a progress bar follows the job through a JSON status, and the file is downloaded from
the job's page. Two requests for the same badges share one job; a job and its file are only the
workshop's staff's. The database backend and `manage.py db_worker --batch` (the `work` fixture)
run the jobs as in production."""

import datetime
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.users.models import UserProfile

from documents import pdf
from events import participant_documents
from events.models import DocumentJob, Registration
from events.models.jobs import selection_key
from events.tasks import JOB_FOLDER
from tests.events.conftest import status_of
from tests.events.test_badges import participants
from tests.events.test_participant_documents import staff_factory
from tests.site.conftest import work  # noqa: F401 - the fixture that runs the worker

# The worker closes the database connection between tasks, which would end a test's
# transaction on PostgreSQL (as in tests/site/test_email_delivery.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
# Tests that run no worker keep the cheaper rolled-back transaction.
NO_WORKER = pytest.mark.django_db

COUNT = 300


@pytest.fixture
def workshop_staff(make_user):
    return staff_factory(make_user)


@pytest.fixture
def rendered(monkeypatch):
    """The badges laid out so far, counted where each one is built."""
    calls = []
    badge = participant_documents.badge

    def counting(registration, *args, **kwargs):
        calls.append(registration.pk)
        return badge(registration, *args, **kwargs)

    monkeypatch.setattr(participant_documents, "badge", counting)
    return calls


def test_300_badges_are_laid_out_by_the_worker_while_the_page_shows_their_progress(
    client,
    open_workshop,
    workshop_staff,
    make_organisation,
    database_tasks,
    work,  # noqa: F811
    rendered,
    monkeypatch,
):
    # Two cores: 80 badges a step, four progress reports, whatever this machine has.
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 2)
    event = open_workshop(capacity=None)
    participants(event, COUNT, organisation=make_organisation())
    client.force_login(workshop_staff(event))
    url = reverse("events_badges", args=[event.pk])

    response = client.get(url)

    assert rendered == []
    job = DocumentJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events_document_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="document-job-progress" max="300" value="0">' in page
    # The polling script is the site's own file: no inline script (CSP).
    assert "/static/events/js/document_job.js" in page
    assert status_of(client, job) | {"label": "", "progress": ""} == {
        "status": "pending",
        "label": "",
        "progress": "",
        "done": 0,
        "total": COUNT,
        "url": None,
    }

    # A second click while the job waits joins it.
    again = client.post(url)
    assert again["Location"] == response["Location"]
    assert DocumentJob.objects.count() == 1

    # What the page's script reads before each step of badges is laid out.
    seen = []
    document = participant_documents._badges_document

    def step(badges, *args):
        seen.append((status_of(client, job)["status"], status_of(client, job)["done"]))
        return document(badges, *args)

    monkeypatch.setattr(participant_documents, "_badges_document", step)
    work()

    assert seen == [("running", 0), ("running", 80), ("running", 160), ("running", 240)]
    assert len(rendered) == COUNT
    status = status_of(client, job)
    assert status["status"] == "done"
    assert (status["done"], status["total"]) == (COUNT, COUNT)
    download = client.get(status["url"])
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    content = b"".join(download.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == COUNT
    # In the sign-in sheet's order, across the joined steps.
    assert "Nom000" in reader.pages[0].extract_text()
    assert "Nom080" in reader.pages[80].extract_text()
    assert "Nom299" in reader.pages[-1].extract_text()
    job.refresh_from_db()
    assert job.file_name.startswith(f"{JOB_FOLDER}/")
    # The page now links to the file.
    assert status["url"] in client.get(response["Location"]).content.decode()


def test_another_selection_or_language_is_another_job_and_a_finished_job_is_not_joined(
    client,
    open_workshop,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
):
    event = open_workshop(capacity=None)
    first, second = participants(event, 2)
    client.force_login(workshop_staff(event))
    url = reverse("events_badges", args=[event.pk])
    everyone = client.get(url)["Location"]
    one = client.get(url, {"ids": first.pk})["Location"]
    # Another staff member of the workshop, whose admin is in Arabic: the badges' document is.
    colleague = workshop_staff(event)
    UserProfile.objects.update_or_create(user=colleague, defaults={"preferred_language": "ar"})
    client.force_login(colleague)
    arabic = client.get(url)["Location"]
    same = client.get(url, {"ids": f"{second.pk},{first.pk}"})["Location"]

    assert len({everyone, one, arabic}) == 3
    assert same == arabic  # the same participants, the same language
    assert DocumentJob.objects.count() == 3

    work()
    assert client.get(url)["Location"] not in (everyone, one, arabic)
    assert DocumentJob.objects.count() == 4


@NO_WORKER
def test_only_one_unfinished_job_per_badges_whatever_the_timing(open_workshop, workshop_staff):
    # Two clicks at once both find no job and both insert: the database refuses the second.
    event = open_workshop(capacity=None)
    key = {"kind": "badges", "event": event, "selection": selection_key([1, 2]), "language": "fr"}
    DocumentJob.objects.create(**key)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentJob.objects.create(**key, status=DocumentJob.Status.RUNNING)
    DocumentJob.objects.update(status=DocumentJob.Status.DONE)
    DocumentJob.objects.create(**key)


def test_staff_of_another_workshop_get_404_on_the_job_its_status_and_its_file(
    client,
    open_workshop,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
):
    event = open_workshop(capacity=None)
    participants(event, 2)
    client.force_login(workshop_staff(event))
    job_page = client.get(reverse("events_badges", args=[event.pk]))["Location"]
    work()
    job = DocumentJob.objects.get()
    urls = [
        job_page,
        reverse("events_document_job_status", args=[job.pk]),
        reverse("events_document_job_file", args=[job.pk]),
    ]
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]

    client.force_login(workshop_staff(open_workshop()))

    # Django's LocaleMiddleware sends an admin 404 on to /fr/admin/…, which is a 404 too.
    assert [client.get(u, follow=True).status_code for u in urls] == [404, 404, 404]


@NO_WORKER
def test_the_file_is_not_served_before_the_job_is_done(
    client, open_workshop, workshop_staff, database_tasks
):
    event = open_workshop(capacity=None)
    participants(event, 1)
    client.force_login(workshop_staff(event))
    client.get(reverse("events_badges", args=[event.pk]))
    job = DocumentJob.objects.get()

    response = client.get(reverse("events_document_job_file", args=[job.pk]), follow=True)

    assert response.status_code == 404


def test_a_long_job_emails_the_staff_member_who_asked_for_it(
    client,
    open_workshop,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
):
    event = open_workshop(capacity=None)
    participants(event, 2)
    staff = workshop_staff(event)
    client.force_login(staff)
    url = reverse("events_badges", args=[event.pk])
    client.get(url)
    work()
    assert mail.outbox == []  # a short job: the staff member is still on its page

    job_page = client.get(url)["Location"]
    # Asked for long ago, as when the worker was busy with other jobs.
    DocumentJob.objects.filter(status=DocumentJob.Status.PENDING).update(
        created_at=timezone.now() - datetime.timedelta(seconds=31)
    )
    work()

    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert event.title_fr in message.subject
    assert job_page in message.body


@NO_WORKER
def test_the_job_page_is_right_to_left_and_in_arabic_for_arabic_staff(
    client, open_workshop, workshop_staff, database_tasks
):
    event = open_workshop(capacity=None)
    participants(event, 3)
    staff = workshop_staff(event)
    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "ar"})
    client.force_login(staff)

    response = client.get(reverse("events_badges", args=[event.pk]), follow=True)

    page = response.content.decode()
    assert 'dir="rtl"' in page
    with translation.override("ar"):
        assert translation.gettext("Waiting") in page
        progress = translation.gettext("%(done)s of %(total)s badges laid out")
    assert progress % {"done": 0, "total": 3} in page
    assert progress != "%(done)s of %(total)s badges laid out"
    job = DocumentJob.objects.get()
    assert job.language == "ar"
    assert status_of(client, job)["progress"] == progress % {"done": 0, "total": 3}


def test_a_job_whose_participants_were_all_cancelled_meanwhile_fails_visibly(
    client,
    open_workshop,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
):
    event = open_workshop(capacity=None)
    participants(event, 2)
    client.force_login(workshop_staff(event))
    client.get(reverse("events_badges", args=[event.pk]))
    Registration.objects.update(status=Registration.Status.CANCELLED)

    work()

    assert status_of(client, DocumentJob.objects.get())["status"] == "failed"


def test_a_job_left_running_by_a_dead_worker_is_taken_over_by_its_requeued_task(
    client,
    open_workshop,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
    rendered,
):
    dead, alive = open_workshop(capacity=None), open_workshop(capacity=None)
    participants(dead, 2)
    participants(alive, 2, start=2)
    client.force_login(workshop_staff(dead, alive))
    for event in (dead, alive):
        client.get(reverse("events_badges", args=[event.pk]))
    # Their tasks are in the queue again, as `requeue_stalled` leaves them; one job's worker died
    # long ago, the other's is still at work.
    running = DocumentJob.objects.filter(event=dead)
    running.update(status="running", started_at=timezone.now() - datetime.timedelta(minutes=16))
    DocumentJob.objects.filter(event=alive).update(status="running", started_at=timezone.now())

    work()

    assert status_of(client, running.get())["status"] == "done"
    assert status_of(client, DocumentJob.objects.get(event=alive))["status"] == "running"
    assert len(rendered) == 2  # the dead worker's job only
