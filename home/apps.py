from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished

        from . import routing
        from .frontend_cache import purge_published_page
        from .models import HomePage

        # After wagtail_modeltranslation's ready(), which set its own route on every page model.
        routing.use_for(get_page_models(), root_models={HomePage})

        page_published.connect(purge_published_page, dispatch_uid="frontend-cache-published")
        page_unpublished.connect(purge_published_page, dispatch_uid="frontend-cache-unpublished")
