from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .frontend_cache import purge_published_page

        page_published.connect(purge_published_page, dispatch_uid="frontend-cache-published")
        page_unpublished.connect(purge_published_page, dispatch_uid="frontend-cache-unpublished")
