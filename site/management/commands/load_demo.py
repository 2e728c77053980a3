import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events import demo as events_demo
from events import demo_registrations as events_demo_registrations
from home import demo as home_demo
from stakeholders import demo as stakeholders_demo


class Command(BaseCommand):
    help = (
        "Builds the demo site from the project's seed, in French, Arabic and English (idempotent)."
    )

    def handle(self, *args, **options):
        if not settings.AMEM_DEMO_CONTENT_ALLOWED:
            raise CommandError("The demo content and its superuser are never loaded in production.")
        # In layer order: the workshops need the home page and the organisations.
        created = home_demo.load()
        self.stdout.write(f"Demo pages, news and publications: {created} created.")
        registry = stakeholders_demo.load()
        self.stdout.write(f"Demo organisations: {registry['organisations']} created.")
        self.stdout.write(f"Demo people: {registry['people']} created.")
        self.stdout.write(
            f"Demo partners directory and protocols pages: {registry['pages']} created."
        )
        self.stdout.write(f"Demo protocols: {registry['protocols']} created.")
        self.stdout.write(
            f"Demo tracker and recommendations: {registry['recommendations']} created."
        )
        created = events_demo.load()
        self.stdout.write(f"Demo workshops: {created} created.")
        created = events_demo_registrations.load()
        self.stdout.write(f"Demo registration settings and participants: {created} created.")
        email, password = home_demo.DEMO_ADMIN
        home_demo.ensure_demo_admin()
        base_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {base_url}/admin/ — log in as {email} with the password {password} "
                "(demo only)."
            )
        )
        email, password = stakeholders_demo.DEMO_FOCAL_POINT
        self.stdout.write(
            self.style.SUCCESS(
                f"Partner space: {base_url}/fr/partner-space/ — log in as {email} with the "
                f"password {password} (demo only)."
            )
        )
