from django.apps import AppConfig


class AmemConfig(AppConfig):
    name = "amem"
    verbose_name = "AMEM"

    def ready(self):
        from .page_cache import connect_signals

        connect_signals()
