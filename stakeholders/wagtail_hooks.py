from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import protocols, recommendations, registry


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [*registry.viewsets, *protocols.viewsets, *recommendations.viewsets]


@hooks.register("amem_page_sections")
def source_recommendations(request, page):
    """A study's or a workshop's public recommendations, on its page (stakeholders/tracker.py)."""
    from .tracker import source_section

    return source_section(request, page)


@hooks.register("register_admin_menu_item")
def recommendations_dashboard():
    """The dashboard is a site page (partners use it too); staff reach it from the admin menu."""
    return MenuItem(
        _("Recommendations dashboard"),
        reverse_lazy("stakeholders:dashboard:home"),
        icon_name="table",
        order=321,
    )
