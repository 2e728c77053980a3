"""The registry's public pages: the partners directory and the signed protocols."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from home.models import IndexPage


class PartnersDirectoryPage(IndexPage):
    """Organisations flagged public, by country and constituency."""

    subpage_types = []

    class Meta:
        verbose_name = _("partners directory")


class ProtocolIndexPage(RoutablePageMixin, IndexPage):
    """Signed and in-force protocols, with their parties and dates."""

    subpage_types = []

    class Meta:
        verbose_name = _("protocols index")
