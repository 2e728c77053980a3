from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.menu import MenuItem as SiteMenuItem
from home.waiting import WAITING_ITEMS_HOOK

from . import access
from .admin_views import protocols, recommendations, registry, waiting
from .recommendations import sees_all


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [*registry.viewsets, *protocols.viewsets, *recommendations.viewsets]


@hooks.register(WAITING_ITEMS_HOOK)
def waiting_for_staff(request):
    """Progress updates to review and imports left in preview, on the admin home."""
    return waiting.waiting_items(request)


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


@hooks.register("amem_main_menu_items")
def recommendations_dashboard_link(request):
    """The dashboard in the site's main navigation, for those it shows more than the public
    tracker: staff who see every recommendation and focal points, who see their organisations'
    too (`visible_recommendations`). None for anyone else, without a query for visitors."""
    user = request.user
    if not (sees_all(user) or access.organisations_for(user).exists()):
        return None
    match = request.resolver_match
    here = match is not None and match.namespace == "stakeholders:dashboard"
    current = ("page" if match.url_name == "home" else "true") if here else ""
    url = reverse("stakeholders:dashboard:home")
    return SiteMenuItem(gettext("Dashboard"), url, current)
