"""Backup, wipe, restore: the same pages, registrations, documents and files come back."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
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


def make_backup(directory, *options):
    out = StringIO()
    call_command("backup", str(directory), *options, stdout=out)
    return Path(out.getvalue().strip())


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

    backup = make_backup(tmp_path / "backups")

    # Encrypted: not one participant's address can be read in any of its files.
    files = [path for path in backup.rglob("*") if path.is_file()]
    assert len(files) == 3
    for path in files:
        assert b"p0@example.org" not in path.read_bytes()
        assert "p0@example.org".encode("utf-16-le") not in path.read_bytes()

    call_command("flush", "--noinput")
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Registration.objects.exists()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(backup), stdout=StringIO())
    key = settings.AMEM_BACKUP_KEY
    for wrong_key in ("", "not-the-key"):
        settings.AMEM_BACKUP_KEY = wrong_key
        with pytest.raises(CommandError, match="wrong or missing AMEM_BACKUP_KEY"):
            call_command("restore", str(backup), "--yes", stdout=StringIO())
        assert not Registration.objects.exists()  # nothing was replaced
    settings.AMEM_BACKUP_KEY = key
    call_command("restore", str(backup), "--yes", stdout=StringIO())
    assert snapshot() == before
    # The flush above gave content types new ids; the restore put the old ones back. Warm the
    # cache with those, or the next transactional test's setup would create them a second time.
    for model in apps.get_models():
        ContentType.objects.get_for_model(model)


# SQLite's online backup waits for the test's open transaction: these tests commit as they go.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_refuses_to_run_without_a_key_unless_told_unencrypted(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AMEM_BACKUP_KEY = ""

    with pytest.raises(CommandError, match="AMEM_BACKUP_KEY is not set"):
        make_backup(tmp_path / "backups")
    assert not list((tmp_path / "backups").glob("*"))

    backup = make_backup(tmp_path / "backups", "--unencrypted")
    assert sorted(path.name for path in backup.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keep_deletes_the_oldest_backups_beyond_the_number_kept(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    backups = tmp_path / "backups"
    (backups / "notes").mkdir(parents=True)  # not a backup: left alone

    made = [make_backup(backups, "--keep", "2") for _ in range(3)]

    assert sorted(path.name for path in backups.iterdir()) == sorted(
        ["notes", made[1].name, made[2].name]
    )
