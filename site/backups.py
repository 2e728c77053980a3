"""What `manage.py backup` writes and `manage.py restore` reads (site/management/commands/).

The database and the media hold personal data (passports for visa letters): both files are
encrypted with AMEM_BACKUP_KEY, a passphrase from the environment. Each file starts with a
header (MAGIC, a random salt); the key is derived from the passphrase and the salt by scrypt, and
the content follows in chunks, each sealed by AES-256-GCM under a nonce made of its number and a
"last chunk" flag, with the header as associated data: a wrong key, a changed, reordered or
truncated file are all refused. The manifest holds no personal data and stays readable.
"""

import os
import posixpath
import re
import shutil
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.core.management.base import CommandError

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"
# An encrypted file's name: the plain one with this suffix.
ENCRYPTED = ".enc"
# The name of a backup folder: `backup --keep` deletes only such folders.
FOLDER_NAME = re.compile(r"amem-\d{8}-\d{6}(-\d+)?")
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


# Encryption ------------------------------------------------------------------------------------

MAGIC = b"AMEMBAK1"
SALT_SIZE = 16
HEADER_SIZE = len(MAGIC) + SALT_SIZE
CHUNK_SIZE = 64 * 1024  # of plain text; each sealed chunk is 16 bytes (the tag) longer
TAG_SIZE = 16
WRONG_KEY = "Cannot decrypt {name}: wrong or missing AMEM_BACKUP_KEY (or a damaged file)."


def backup_key():
    """The passphrase of the backups, or "" when AMEM_BACKUP_KEY is not set."""
    return settings.AMEM_BACKUP_KEY


def _aead(passphrase, salt):
    kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
    return AESGCM(kdf.derive(passphrase.encode()))


def _nonce(number, last):
    return struct.pack(">QI", number, 1 if last else 0)  # 12 bytes


class EncryptedWriter:
    """A binary file object that encrypts what is written to `file` (see the module's docstring);
    `close()` seals the last chunk and must be called for the file to be readable."""

    def __init__(self, file, passphrase):
        salt = os.urandom(SALT_SIZE)
        self.header = MAGIC + salt
        self.aead = _aead(passphrase, salt)
        self.file = file
        self.buffer = bytearray()
        self.number = 0
        self.closed = False
        file.write(self.header)

    def write(self, data):
        self.buffer += data
        while len(self.buffer) > CHUNK_SIZE:  # the last chunk, even a full one, waits for close
            self._seal(bytes(self.buffer[:CHUNK_SIZE]), last=False)
            del self.buffer[:CHUNK_SIZE]
        return len(data)

    def _seal(self, chunk, last):
        self.file.write(self.aead.encrypt(_nonce(self.number, last), chunk, self.header))
        self.number += 1

    def close(self):
        if not self.closed:
            self._seal(bytes(self.buffer), last=True)
            self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if exc_info[0] is None:
            self.close()


def decrypt_file(source, target, passphrase):
    """Decrypts the file at `source` into `target` (a path); CommandError, with `target`
    incomplete, when the key is wrong or the file was changed or cut short."""
    wrong = CommandError(WRONG_KEY.format(name=source.name))
    with source.open("rb") as encrypted, target.open("wb") as plain:
        header = encrypted.read(HEADER_SIZE)
        if len(header) != HEADER_SIZE or not header.startswith(MAGIC) or not passphrase:
            raise wrong
        aead = _aead(passphrase, header[len(MAGIC) :])
        sealed = encrypted.read(CHUNK_SIZE + TAG_SIZE)
        number = 0
        while True:
            following = encrypted.read(CHUNK_SIZE + TAG_SIZE)
            try:
                plain.write(aead.decrypt(_nonce(number, not following), sealed, header))
            except InvalidTag:
                raise wrong from None
            if not following:
                return
            sealed, number = following, number + 1


# Retention -------------------------------------------------------------------------------------


def backup_folders(directory):
    """The backup folders under `directory`, oldest first (their names hold their date)."""
    folders = [
        path for path in directory.iterdir() if path.is_dir() and FOLDER_NAME.fullmatch(path.name)
    ]
    return sorted(folders, key=_folder_order)


def _folder_order(path):
    """amem-DATE-TIME, then amem-DATE-TIME-2, -3…: two backups within the same second."""
    _prefix, date, time, *number = path.name.split("-")
    return (date, time, int(number[0]) if number else 1)
