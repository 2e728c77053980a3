from django.apps import AppConfig


class AmemConfig(AppConfig):
    name = "amem"
    verbose_name = "AMEM"
