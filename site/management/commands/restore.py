"""`manage.py restore BACKUP --yes`: puts back the database and the media files of a backup.

It replaces what is there: every table is dropped and recreated from the dump, and the media
files are replaced by the archived ones, through the default storage (the media folder or the S3
bucket): each archived file is written back, then every file the backup does not hold is
deleted. Run it with the site stopped (or in maintenance).

An encrypted backup needs the AMEM_BACKUP_KEY it was made with: both files are decrypted, into a
private temporary folder, before anything is replaced, so a wrong key or a damaged file changes
nothing.
"""

import json
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from amem import page_cache
from amem.backups import (
    DATABASE_FILE,
    ENCRYPTED,
    MANIFEST,
    MEDIA_FILE,
    MEDIA_FOLDER,
    backup_key,
    decrypt_file,
    media_names,
    pg_environment,
    postgresql_tool,
)


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
        with tempfile.TemporaryDirectory() as decrypted:
            database, media = backup / DATABASE_FILE, backup / MEDIA_FILE
            if manifest.get("encrypted"):
                database, media = (
                    self._decrypt(path, Path(decrypted)) for path in (database, media)
                )
            if connection.vendor == "postgresql":
                self._restore_postgresql(database)
            else:
                self._restore_sqlite(database)
            self._restore_media(media)
        # What this process and the shared cache remember of the replaced data is stale.
        ContentType.objects.clear_cache()
        page_cache.invalidate()
        self.stdout.write(f"Restored {backup}.")

    def _decrypt(self, path, folder):
        decrypted = folder / path.name
        decrypt_file(path.with_name(path.name + ENCRYPTED), decrypted, backup_key())
        return decrypted

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
        with tempfile.TemporaryDirectory() as unpacked, tarfile.open(path) as archive:
            archive.extractall(unpacked, filter="data")
            saved = Path(unpacked) / MEDIA_FOLDER
            names = {
                file.relative_to(saved).as_posix() for file in saved.rglob("*") if file.is_file()
            }
            # Written back first, the files the backup does not hold deleted last: a restore
            # stopped midway loses none of them, and can be run again.
            for name in sorted(names):
                # save() never overwrites a file (it would pick another name): delete it first.
                default_storage.delete(name)
                with (saved / name).open("rb") as content:
                    stored = default_storage.save(name, File(content, name=name))
                if stored != name:
                    raise CommandError(f"The storage saved {name} as {stored}.")
            for name in list(media_names(default_storage)):
                if name not in names:
                    default_storage.delete(name)
