"""The main navigation: the home page, its children shown in menus, then what other apps add.

The pages come from the site-wide parts kept per content generation (home/site_parts.py); which
one is current is worked out for each request. Another app adds an item for the user with the
`amem_main_menu_items` hook: a function of the request that returns a MenuItem, or None when the
user may not see it (the recommendations dashboard, stakeholders/wagtail_hooks.py).
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.models import Site

from .site_parts import site_parts


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    current: str = ""  # aria-current: "page" for the page shown, "true" for a page within it

    @property
    def wraps(self):
        """Whether the title may take two lines in the wide screens' bar, so that the bar keeps
        every item on one line: a title of several words, longer than the short ones."""
        return " " in self.title and len(self.title) > 14


def main_menu(request, page=None):
    """The items, in order; `page` is the page shown (None outside the page tree)."""
    if Site.find_for_request(request) is None:
        return []
    home, *children = site_parts(request).menu
    items = [MenuItem(home.title, home.url, _current(page, home, exact=True))]
    items += [MenuItem(child.title, child.url, _current(page, child)) for child in children]
    items += filter(None, (add(request) for add in hooks.get_hooks("amem_main_menu_items")))
    return items


def _current(page, item, exact=False):
    if page is None:
        return ""
    if page.pk == item.pk:
        return "page"
    return "true" if not exact and page.path.startswith(item.path) else ""
