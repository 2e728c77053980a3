"""Backup, wipe, restore: the same pages, registrations, documents and files come back."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.models import Page

from documents.models import Document
from events.models import EventIndexPage, EventPage, Registration


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title_fr", "url_path", "live")),
        "registrations": sorted(
            Registration.objects.values_list("pk", "email", "status", "check_in_code")
        ),
        "documents": sorted(
            (document.pk, document.title, document.file.name, document.file.read())
            for document in Document.objects.all()
        ),
    }


def a_workshop_with_participants(home_page):
    index = EventIndexPage(title="Ateliers", slug="ateliers")
    home_page.add_child(instance=index)
    workshop = EventPage(
        title="Atelier tripartite",
        slug="atelier-tripartite",
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 3),
    )
    index.add_child(instance=workshop)
    workshop.save_revision().publish()
    for number, name in enumerate(["Amina", "Karim", "ليلى"]):
        Registration.objects.create(
            event=workshop,
            first_name=name,
            last_name="Ben Salah",
            email=f"p{number}@example.org",
            constituency="workers",
            position="Chargée d'études",
            gender="woman",
            country="TN",
            nationality="TN",
            preferred_language="ar",
            status="confirmed",
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_wipe_restore_gives_the_same_site(tmp_path, settings, home_page):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    a_workshop_with_participants(home_page)
    Document.objects.create(
        title="Note de cadrage", file=ContentFile(b"%PDF-1.4 demo", name="note-de-cadrage.pdf")
    )
    before = snapshot()
    assert before["registrations"] and before["documents"]

    out = StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    backup = Path(out.getvalue().strip())

    call_command("flush", "--noinput")
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Registration.objects.exists()

    with pytest.raises(Exception, match="--yes"):
        call_command("restore", str(backup), stdout=StringIO())
    call_command("restore", str(backup), "--yes", stdout=StringIO())
    assert snapshot() == before
    # The flush above gave content types new ids; the restore put the old ones back. Warm the
    # cache with those, or the next transactional test's setup would create them a second time.
    for model in apps.get_models():
        ContentType.objects.get_for_model(model)
