"""Sign-in sheets and a workshop's certificates, laid out by the task worker as bulk badges are
(tests/events/test_badge_jobs.py): the request records a job and sends the staff to its page, a
second request joins it, the worker's file is a real PDF, and only the workshop's staff reach any
of it. Finished jobs and their files are purged after AMEM_DOCUMENT_JOB_DAYS."""

import datetime
import io
import os
from io import StringIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from pypdf import PdfReader

from documents import pdf
from events.models import Attendance, DocumentJob, Registration
from events.participant_documents import sign_in_sheet_title
from events.tasks import JOB_FOLDER, LONG_JOB
from tests.events.conftest import status_of
from tests.events.test_badges import participants
from tests.events.test_participant_documents import staff_factory
from tests.site.conftest import work  # noqa: F401 - the fixture that runs the worker

# The worker closes the database connection between tasks (see tests/events/test_badge_jobs.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PARTICIPANTS = "/admin/participants/"
LONG_AGO = LONG_JOB + datetime.timedelta(seconds=1)


@pytest.fixture
def workshop_staff(make_user):
    return staff_factory(make_user)


@pytest.fixture
def layouts(monkeypatch):
    """How many PDFs have been laid out, counted where WeasyPrint is called."""
    calls = []
    html = pdf.HTML

    def counting(**kwargs):
        calls.append(1)
        return html(**kwargs)

    monkeypatch.setattr(pdf, "HTML", counting)
    return calls


def download(client, job):
    response = client.get(status_of(client, job)["url"])
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return response, PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def not_found_for_others(client, workshop_staff, make_event, urls):
    """What staff of another workshop get on each URL (LocaleMiddleware sends an admin 404 on to
    /fr/admin/…, which is a 404 too)."""
    client.force_login(workshop_staff(make_event()))
    return [client.get(url, follow=True).status_code for url in urls]


def test_a_days_sign_in_sheet_is_a_job_that_a_second_click_joins_and_the_worker_lays_out(
    client,
    open_workshop,
    make_event,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
    layouts,
):
    event = open_workshop(capacity=None, days=2)
    participants(event, 3)
    participants(event, 1, status=Registration.Status.CANCELLED, start=3)
    staff = workshop_staff(event)
    client.force_login(staff)
    first_day, second_day = event.days
    url = reverse("events_sign_in_sheet", args=[event.pk, second_day.isoformat()])

    response = client.get(url)

    job = DocumentJob.objects.get()
    assert response["Location"] == reverse("events_document_job", args=[job.pk])
    assert (job.kind, job.day, job.status, job.total) == ("sign_in_sheet", second_day, "pending", 3)
    assert layouts == []  # nothing laid out in the request
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="document-job-progress" max="3" value="0">' in page
    with translation.override("fr"):
        assert translation.gettext("Sign-in sheet") in page
    # A second click joins the job; the other day's sheet is another document.
    assert client.get(url)["Location"] == response["Location"]
    other_day = client.get(reverse("events_sign_in_sheet", args=[event.pk, first_day.isoformat()]))
    assert other_day["Location"] != response["Location"]
    assert DocumentJob.objects.count() == 2
    # A workshop still to come has no certificates to print: no button for them.
    listing = client.get(PARTICIPANTS, {"event": event.pk}).content.decode()
    assert url in listing
    assert reverse("events_certificates", args=[event.pk]) not in listing
    # Asked for long ago, as when the worker was busy: its staff member gets an email.
    DocumentJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - LONG_AGO)

    work()

    assert len(layouts) == 2  # one sheet a day, each in one layout
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert sign_in_sheet_title(event, second_day, "fr") in message.subject
    assert response["Location"] in message.body
    file, reader = download(client, job)
    assert f"sign-in-{second_day.isoformat()}.pdf" in file["Content-Disposition"]
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert ["NOM000" in text, "NOM002" in text, "NOM003" in text] == [True, True, False]
    with translation.override("fr"):
        assert dateformat.format(second_day, "l j F Y") in text
    job_urls = [
        url,
        response["Location"],
        reverse("events_document_job_status", args=[job.pk]),
        reverse("events_document_job_file", args=[job.pk]),
    ]
    assert not_found_for_others(client, workshop_staff, make_event, job_urls) == [404] * 4


def test_a_workshops_certificates_are_one_job_each_in_its_participants_language(
    client,
    open_workshop,
    make_event,
    workshop_staff,
    database_tasks,
    work,  # noqa: F811
    layouts,
):
    event = open_workshop(capacity=None, days=2, start=timezone.localdate() - datetime.timedelta(1))
    # Preferred languages fr, ar, en; the third was never checked in.
    french, arabic, _absent = participants(event, 3)
    Attendance.objects.bulk_create(
        [Attendance(registration=french, day=day) for day in event.days]
        + [Attendance(registration=arabic, day=event.start_date)]
    )
    client.force_login(workshop_staff(event))
    url = reverse("events_certificates", args=[event.pk])
    assert url in client.get(PARTICIPANTS, {"event": event.pk}).content.decode()

    response = client.get(url)

    job = DocumentJob.objects.get()
    assert response["Location"] == reverse("events_document_job", args=[job.pk])
    assert (job.kind, job.status, job.total, layouts) == ("certificates", "pending", 2, [])
    assert client.get(url)["Location"] == response["Location"]
    assert DocumentJob.objects.count() == 1
    with translation.override("fr"):
        progress = translation.gettext("%(done)s of %(total)s certificates laid out")
    assert status_of(client, job)["progress"] == progress % {"done": 0, "total": 2}

    work()

    assert len(layouts) == 2  # one certificate each
    status = status_of(client, job)
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    file, reader = download(client, job)
    assert "certificates.pdf" in file["Content-Disposition"]
    first, second = (page.extract_text() for page in reader.pages)
    # By last name, each in its participant's language: French, then Arabic.
    assert "Prénom000 Nom000" in first and "Attestation de participation" in first
    with translation.override("fr"):
        assert all(dateformat.format(day, "j F Y") in first for day in event.days)
    assert "Prénom001 Nom001" in second and "Attestation" not in second
    assert "Nom002" not in first + second
    job_urls = [url, response["Location"], reverse("events_document_job_file", args=[job.pk])]
    assert not_found_for_others(client, workshop_staff, make_event, job_urls) == [404] * 3


@pytest.mark.django_db
def test_no_certificate_job_before_anyone_is_checked_in(client, open_workshop, workshop_staff):
    event = open_workshop(capacity=None)
    participants(event, 2)
    client.force_login(workshop_staff(event))

    response = client.get(reverse("events_certificates", args=[event.pk]), follow=True)

    assert DocumentJob.objects.count() == 0
    with translation.override("fr"):
        warning = translation.gettext("No participant checked in yet: no certificate to print.")
    assert warning in response.content.decode()


@pytest.mark.django_db
def test_finished_jobs_and_their_files_are_purged_after_the_retention_period(
    open_workshop, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.AMEM_DOCUMENT_JOB_DAYS = 7
    event = open_workshop()
    now = timezone.now()

    def job(status, finished_days_ago=None, selection="a"):
        finished = now - datetime.timedelta(finished_days_ago) if finished_days_ago else None
        name = default_storage.save(f"{JOB_FOLDER}/job.pdf", ContentFile(b"%PDF"))
        return DocumentJob.objects.create(
            kind="badges",
            event=event,
            selection=selection,
            language="fr",
            status=status,
            file_name=name,
            finished_at=finished,
        )

    old, recent = job("done", 8), job("done", 1)
    old_failure, waiting = job("failed", 9, "b"), job("pending", selection="c")
    # A file no job names, as a deleted workshop's jobs leave: old, then just written.
    forgotten = default_storage.save(f"{JOB_FOLDER}/forgotten.pdf", ContentFile(b"%PDF"))
    long_ago = (now - datetime.timedelta(days=8)).timestamp()
    os.utime(default_storage.path(forgotten), (long_ago, long_ago))
    new = default_storage.save(f"{JOB_FOLDER}/new.pdf", ContentFile(b"%PDF"))

    def purge(*args):
        out = StringIO()
        call_command("purge_document_jobs", *args, stdout=out)
        return out.getvalue()

    assert "2 document job(s) and 3 file(s) deleted" in purge()
    assert set(DocumentJob.objects.all()) == {recent, waiting}
    assert [default_storage.exists(j.file_name) for j in (old, old_failure)] == [False, False]
    assert [default_storage.exists(j.file_name) for j in (recent, waiting)] == [True, True]
    assert (default_storage.exists(forgotten), default_storage.exists(new)) == (False, True)
    assert "0 document job(s) and 0 file(s) deleted" in purge()  # a second run: nothing more
    # --days 0: every finished job now; a waiting one stays for the worker.
    assert "1 document job(s)" in purge("--days", "0")
    assert list(DocumentJob.objects.all()) == [waiting]
    assert not default_storage.exists(new)
