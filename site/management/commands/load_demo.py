import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from amem import demo

# What each part of the demo created, in the order `demo.load()` builds them.
PARTS = {
    "pages": "Demo pages, news and publications",
    "organisations": "Demo organisations",
    "people": "Demo people",
    "registry_pages": "Demo partners directory and protocols pages",
    "protocols": "Demo protocols",
    "recommendations": "Demo tracker and recommendations",
    "workshops": "Demo workshops",
    "registrations": "Demo registration settings and participants",
}
# Wagtail logs every page it creates, edits and publishes: a hundred JSON lines on a first run.
NOISY_LOGGERS = ("wagtail",)


@contextmanager
def quiet(names):
    """Only warnings and errors from these loggers, until the block ends."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Builds the demo site from the project's seed, in French, Arabic and English (idempotent)."
    )

    def handle(self, *args, **options):
        if not settings.AMEM_DEMO_CONTENT_ALLOWED:
            raise CommandError("The demo content and its superuser are never loaded in production.")
        with quiet(NOISY_LOGGERS):
            created = demo.load()
        for part, label in PARTS.items():
            self.stdout.write(f"{label}: {created[part]} created.")
        self.stdout.write("")
        self.framed(self.logins())

    def logins(self):
        base_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        admin_email, admin_password = demo.DEMO_ADMIN
        focal_email, focal_password = demo.DEMO_FOCAL_POINT
        with translation.override("fr"):
            partner_space = reverse("stakeholders:partner_space:home")
        # Paths, not URLs, after the first line: the box stays narrow enough for a terminal.
        return [
            f"The demo site: {base_url}/",
            f"Admin:         /admin/ — log in as {admin_email} with the password {admin_password}",
            f"Partner space: {partner_space} — log in as {focal_email} with the password "
            f"{focal_password}",
            "(demo accounts: never loaded in production)",
        ]

    def framed(self, lines):
        """The lines a newcomer needs, in a box that stands out from the counts above."""
        width = max(len(line) for line in lines)
        self.stdout.write(self.style.SUCCESS(f"┌{'─' * (width + 2)}┐"))
        for line in lines:
            self.stdout.write(self.style.SUCCESS(f"│ {line.ljust(width)} │"))
        self.stdout.write(self.style.SUCCESS(f"└{'─' * (width + 2)}┘"))
