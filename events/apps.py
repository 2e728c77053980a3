from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Workshops")

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage
        from .registration import serve_waiting_list

        # A signal, not an admin hook: scheduled and workflow publishing count too.
        page_published.connect(serve_waiting_list, sender=EventPage)
