"""What the admin pages of our own share: who may open them, and breadcrumbs back to their listing.

Here, below events, so that the participants' pages (events/staff/) use it as the registry's do.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class StaffPageMixin(WagtailAdminTemplateMixin):
    """An admin page one step below a listing: Home › the listing › this page.

    A view says who may open it in `has_permission` (anyone else gets a 403) and which listing it
    belongs to in `index_url_name` and `index_label`.
    """

    index_url_name = ""
    index_label = ""

    def has_permission(self):
        return False  # closed until the view says who may open it

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_index_url(self):
        return reverse(self.index_url_name)

    def get_index_label(self):
        return self.index_label

    def get_current_breadcrumb(self):
        return {"url": "", "label": self.get_page_title()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.get_index_url(), "label": self.get_index_label()},
            self.get_current_breadcrumb(),
        ]
