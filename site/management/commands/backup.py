"""`manage.py backup DIR`: the database and the media files, into a new dated folder of DIR.

PostgreSQL is dumped with pg_dump's custom format (what `restore` feeds to pg_restore); SQLite,
the demo's database, is copied through SQLite's online backup, safe while the site runs. Media
files (documents, images, evidence) go into one tar archive, read through the default storage:
the media folder or the S3 bucket alike. A manifest records what was saved.
"""

import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from amem.backups import (
    DATABASE_FILE,
    MANIFEST,
    MEDIA_FILE,
    MEDIA_FOLDER,
    media_names,
    pg_environment,
    postgresql_tool,
)


class Command(BaseCommand):
    help = "Saves the database and the media files into a new folder under DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        target = directory / timezone.now().strftime("amem-%Y%m%d-%H%M%S")
        target.mkdir(parents=True, exist_ok=False)
        vendor = connection.vendor
        if vendor == "postgresql":
            self._dump_postgresql(target / DATABASE_FILE)
        elif vendor == "sqlite":
            self._copy_sqlite(target / DATABASE_FILE)
        else:
            raise CommandError(f"No backup method for {vendor}.")
        self._archive_media(target / MEDIA_FILE)
        (target / MANIFEST).write_text(
            json.dumps({"database": vendor, "created_at": timezone.now().isoformat()})
        )
        self.stdout.write(str(target))

    def _archive_media(self, path):
        now = int(timezone.now().timestamp())
        with tarfile.open(path, "w:gz") as archive:
            for name in media_names(default_storage):
                with default_storage.open(name, "rb") as content:
                    entry = tarfile.TarInfo(f"{MEDIA_FOLDER}/{name}")
                    entry.size = content.size
                    entry.mtime = now
                    archive.addfile(entry, content)

    def _dump_postgresql(self, path):
        database = connection.settings_dict
        result = subprocess.run(  # noqa: S603 - pg_dump with our own settings
            [
                postgresql_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                database["NAME"],
            ],
            env=pg_environment(database),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")

    def _copy_sqlite(self, path):
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
