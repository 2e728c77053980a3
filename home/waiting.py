"""“Waiting for you” on the Wagtail admin home: what staff have to act on, by kind.

Each app says what waits in it with the `amem_waiting_items` hook: a function of the request that
returns WaitingItems, only those the user may act on, an empty list when none; this panel lists
those with something waiting. So home knows nothing of the apps (the layers in pyproject.toml).
An item counts its objects and finds the first one in one query (`first_and_count`): the home
costs the same queries whatever waits.
"""

from dataclasses import dataclass

from django.db.models import Count, Window
from wagtail import hooks
from wagtail.admin.ui.components import Component

WAITING_ITEMS_HOOK = "amem_waiting_items"


@dataclass
class WaitingItem:
    """A kind of thing waiting: how many, the link that opens the first one, the filtered list."""

    label: str
    count: int
    first_url: str
    list_url: str = ""
    order: int = 0


def first_and_count(queryset, *fields):
    """(the first row's `fields`, the number of rows) in one query; (None, 0) when none.

    The count is a window over every row, computed before the LIMIT that keeps the first.
    """
    row = (
        queryset.annotate(waiting_total=Window(Count("pk")))
        .values_list(*fields, "waiting_total")
        .first()
    )
    if row is None:
        return None, 0
    return row[:-1], row[-1]


def waiting_items(request):
    """Every app's items with something waiting, in their order."""
    items = [item for fn in hooks.get_hooks(WAITING_ITEMS_HOOK) for item in fn(request)]
    return sorted((item for item in items if item.count), key=lambda item: item.order)


class WaitingForYouPanel(Component):
    name = "waiting_for_you"
    template_name = "home/admin/waiting_for_you.html"
    order = 50  # above Wagtail's own panels (pages to moderate: 210)

    def __init__(self, request):
        self.items = waiting_items(request)

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.items else ""

    def get_context_data(self, parent_context=None):
        return {"items": self.items}
