from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Workshops")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from .models import EventPage, Registration
        from .registration import purge_workshop_page, serve_waiting_list

        # A signal, not an admin hook: scheduled and workflow publishing count too.
        page_published.connect(serve_waiting_list, sender=EventPage)
        # A workshop page shows its seats left: a proxy in front must drop it on any change.
        post_save.connect(purge_workshop_page, sender=Registration)
        post_delete.connect(purge_workshop_page, sender=Registration)
