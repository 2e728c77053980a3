"""Affiliations: forms opened from a person's or an organisation's page, which come back to it."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic

from home.parsing import decimal_id

from ...exports import FormulaSafeExportMixin


def affiliation_add_url(request, **initial):
    """The form for a new affiliation, filled in with `initial`, that comes back here."""
    if not request.user.has_perm("stakeholders.add_affiliation"):
        return None
    query = urlencode({**initial, "next": request.get_full_path()})
    return reverse("registry_affiliations:add") + "?" + query


class ComeBackMixin:
    """Goes back to the page given as `next` once saved."""

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or super().get_success_url()


class AffiliationIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "organisation")


class AffiliationCreateView(ComeBackMixin, generic.CreateView):
    def get_initial(self):
        return {
            name: self.request.GET[name]
            for name in ("person", "organisation")
            if decimal_id(self.request.GET.get(name, "")) is not None
        }

    def get_add_url(self):
        url = super().get_add_url()
        return f"{url}?{self.request.GET.urlencode()}" if self.request.GET else url


class AffiliationEditView(ComeBackMixin, generic.EditView):
    def get_edit_url(self):
        url = super().get_edit_url()
        if next_url := get_valid_next_url_from_request(self.request):
            return f"{url}?{urlencode({'next': next_url})}"
        return url


class AffiliationDeleteView(ComeBackMixin, generic.DeleteView):
    pass
