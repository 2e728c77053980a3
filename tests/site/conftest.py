import logging
import signal
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def work():
    """Runs `manage.py db_worker --batch` in the test: every task due, then it returns.
    The worker's signal handlers and log levels are put back afterwards."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = {logger: logger.level for logger in loggers}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for logger, level in levels.items():
        logger.setLevel(level)
