"""`manage.py backup DIR [--keep N]`: the database and the media files, into a new dated folder
of DIR, encrypted with AMEM_BACKUP_KEY (amem/backups.py).

PostgreSQL is dumped with pg_dump's custom format (what `restore` feeds to pg_restore); SQLite,
the demo's database, is copied through SQLite's online backup, safe while the site runs. Media
files (documents, images, evidence) go into one tar archive, read through the default storage:
the media folder or the S3 bucket alike. Both are encrypted as they are written: no plain copy
touches the disk. A manifest, written last, records what was saved. `--keep N` then deletes the
oldest backup folders of DIR beyond the N newest.

Without AMEM_BACKUP_KEY it refuses to run, unless told `--unencrypted` (for a folder that is
encrypted otherwise).
"""

import argparse
import contextlib
import itertools
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from amem.backups import (
    CHUNK_SIZE,
    DATABASE_FILE,
    ENCRYPTED,
    MANIFEST,
    MEDIA_FILE,
    MEDIA_FOLDER,
    EncryptedWriter,
    backup_folders,
    backup_key,
    media_names,
    pg_environment,
    postgresql_tool,
)


def positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


class Command(BaseCommand):
    help = "Saves the database and the media files into a new folder under DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--keep",
            type=positive,
            metavar="N",
            help="After the backup, deletes the oldest backup folders of DIRECTORY beyond N.",
        )
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="Writes the backup unencrypted, without AMEM_BACKUP_KEY.",
        )

    def handle(self, *args, directory, keep, unencrypted, **options):
        passphrase = "" if unencrypted else backup_key()
        if not passphrase and not unencrypted:
            raise CommandError(
                "AMEM_BACKUP_KEY is not set: backups hold personal data and are encrypted with "
                "it. Set it (and keep a copy away from the backups), or add --unencrypted."
            )
        vendor = connection.vendor
        if vendor not in ("postgresql", "sqlite"):
            raise CommandError(f"No backup method for {vendor}.")
        target = self._new_folder(directory)
        try:
            with self._output(target / DATABASE_FILE, passphrase) as database:
                if vendor == "postgresql":
                    self._dump_postgresql(database)
                else:
                    self._copy_sqlite(database)
            with self._output(target / MEDIA_FILE, passphrase) as media:
                self._archive_media(media)
            manifest = {
                "database": vendor,
                "created_at": timezone.now().isoformat(),
                "encrypted": bool(passphrase),
            }
            (target / MANIFEST).write_text(json.dumps(manifest))
        except BaseException:
            shutil.rmtree(target)  # half a backup must not pass for one, nor count in --keep
            raise
        self.stdout.write(str(target))
        if keep:
            for old in backup_folders(directory)[:-keep]:
                shutil.rmtree(old)
                if options["verbosity"] > 1:
                    self.stderr.write(f"Deleted {old}")

    def _new_folder(self, directory):
        """DIRECTORY/amem-DATE-TIME, readable by its owner only; -2, -3… within the same second."""
        directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("amem-%Y%m%d-%H%M%S")
        for number in itertools.count(1):
            target = directory / (stamp if number == 1 else f"{stamp}-{number}")
            with contextlib.suppress(FileExistsError):
                target.mkdir(mode=0o700)
                return target

    @contextlib.contextmanager
    def _output(self, path, passphrase):
        """A binary file to write `path` into, encrypted (as path.enc) when there is a key."""
        if not passphrase:
            with path.open("wb") as file:
                yield file
            return
        with (
            path.with_name(path.name + ENCRYPTED).open("wb") as file,
            EncryptedWriter(file, passphrase) as encrypted,
        ):
            yield encrypted

    def _archive_media(self, output):
        now = int(timezone.now().timestamp())
        with tarfile.open(fileobj=output, mode="w|gz") as archive:
            for name in media_names(default_storage):
                with default_storage.open(name, "rb") as content:
                    entry = tarfile.TarInfo(f"{MEDIA_FOLDER}/{name}")
                    entry.size = content.size
                    entry.mtime = now
                    archive.addfile(entry, content)

    def _dump_postgresql(self, output):
        database = connection.settings_dict
        with tempfile.TemporaryFile() as errors:
            dump = subprocess.Popen(  # noqa: S603 - pg_dump with our own settings
                [
                    postgresql_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    database["NAME"],
                ],
                env=pg_environment(database),
                stdout=subprocess.PIPE,
                stderr=errors,
            )
            with dump:
                shutil.copyfileobj(dump.stdout, output, CHUNK_SIZE)
            if dump.returncode:
                errors.seek(0)
                raise CommandError(f"pg_dump failed: {errors.read().decode().strip()}")

    def _copy_sqlite(self, output):
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(":memory:")) as copy:
            connection.connection.backup(copy)
            output.write(copy.serialize())
