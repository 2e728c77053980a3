"""The database as the migrations left it, put back after each test that empties it.

A transactional test (`transactional_db`, `live_server`) ends by emptying every table, Wagtail's
root page, the default site and the content types included. pytest-django runs such tests after
all the others for that reason; split across processes by pytest-xdist, a process may run any
test after one of them. So each process keeps what the migrations made (`remember`, once its
test database is set up) and puts it back (`restore`) after every test that emptied the tables:
every test starts from the migrated database, whatever ran before it in its process.
"""

from django.core.management import call_command
from django.db import connection

_migrated = {}


def remember():
    _migrated["default"] = connection.creation.serialize_db_to_string()


def remembered():
    return "default" in _migrated


def restore():
    """Every table emptied, then what the migrations had put there, with the same keys."""
    # Sequences go on from where they were: the rows put back keep their keys, new rows get others.
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(_migrated["default"])


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))
