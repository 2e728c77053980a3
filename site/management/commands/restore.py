"""`manage.py restore BACKUP --yes`: puts back the database and the media files of a backup.

It replaces what is there: every table is dropped and recreated from the dump, and the media
folder is replaced by the archived one. Run it with the site stopped (or in maintenance).
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from amem import page_cache
from amem.backups import DATABASE_FILE, MANIFEST, MEDIA_FILE, pg_environment, postgresql_tool


class Command(BaseCommand):
    help = "Replaces the database and the media files with those of a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Confirms that the current data may be replaced."
        )

    def handle(self, *args, backup, yes, **options):
        manifest = json.loads((backup / MANIFEST).read_text())
        if manifest["database"] != connection.vendor:
            raise CommandError(
                f"This backup holds a {manifest['database']} database, not {connection.vendor}."
            )
        if not yes:
            raise CommandError("Restoring replaces every table and media file: add --yes.")
        if connection.vendor == "postgresql":
            self._restore_postgresql(backup / DATABASE_FILE)
        else:
            self._restore_sqlite(backup / DATABASE_FILE)
        self._restore_media(backup / MEDIA_FILE)
        # What this process and the shared cache remember of the replaced data is stale.
        ContentType.objects.clear_cache()
        page_cache.invalidate()
        self.stdout.write(f"Restored {backup}.")

    def _restore_postgresql(self, path):
        database = connection.settings_dict
        connection.close()
        result = subprocess.run(  # noqa: S603 - pg_restore with our own settings
            [
                postgresql_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                database["NAME"],
                str(path),
            ],
            env=pg_environment(database),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")

    def _restore_sqlite(self, path):
        connection.ensure_connection()
        with sqlite3.connect(path) as saved:
            saved.backup(connection.connection)

    def _restore_media(self, path):
        media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as unpacked, tarfile.open(path) as archive:
            archive.extractall(unpacked, filter="data")
            if media.exists():
                shutil.rmtree(media)
            saved = Path(unpacked) / "media"
            if saved.exists():
                shutil.copytree(saved, media)
            else:
                media.mkdir(parents=True)
