from wagtail import hooks

from .admin_views import protocols, registry


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [*registry.viewsets, *protocols.viewsets]
