"""What `manage.py backup` writes and `manage.py restore` reads (site/management/commands/)."""

import os
import posixpath
import shutil

from django.core.management.base import CommandError

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"
# The folder that holds the media files inside MEDIA_FILE.
MEDIA_FOLDER = "media"


def pg_environment(database):
    """pg_dump's and pg_restore's connection settings, from Django's, through libpq's variables."""
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    env = dict(os.environ)
    env.update(
        {variable: str(database[key]) for key, variable in names.items() if database.get(key)}
    )
    return env


def postgresql_tool(name):
    """The full path of pg_dump or pg_restore (Debian's postgresql-client)."""
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def media_names(storage, directory=""):
    """The name of every file in a storage (the media folder or an S3 bucket), through its API."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # no file was ever uploaded: the media folder does not exist yet
        return
    for name in files:
        yield posixpath.join(directory, name)
    for name in directories:
        yield from media_names(storage, posixpath.join(directory, name))
