"""What the admin pages of our own share: who may open them, breadcrumbs back to their listing,
and inspect views that show values as people read them.

Here, below events, so that the participants' pages (events/staff/) use it as the registry's do.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
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


class ReadableInspectView(generic.InspectView):
    """An inspect view that says Yes or No for a boolean and "—" for an empty value."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "—" if value is None or value == "" else value
