"""The registry's public pages: the partners directory and the signed protocols."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.forms import paginate
from home.models import IndexPage

from .protocols import Party, Protocol, ProtocolText, Signatory, WorkingGroupMember

# What the public protocols page shows: never a draft, nor one still open for signature.
PUBLIC_STATUSES = (Protocol.Status.SIGNED, Protocol.Status.IN_FORCE)


class PartnersDirectoryPage(IndexPage):
    """Organisations flagged public, by country and constituency."""

    subpage_types = []

    class Meta:
        verbose_name = _("partners directory")

    def get_context(self, request, *args, **kwargs):
        # Imported here: both import the models this module is part of.
        from ..access import listed_organisations
        from ..forms import DirectoryFilterForm

        context = super().get_context(request, *args, **kwargs)
        listing = DirectoryFilterForm.listing(listed_organisations(), request.GET)
        context.update(listing, organisations=listing["items"])
        return context


def public_protocols():
    """Signed and in-force protocols, the latest signed first, with their parties."""
    parties = Party.objects.select_related("organisation").order_by("sort_order", "pk")
    return (
        Protocol.objects.filter(status__in=PUBLIC_STATUSES)
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("-signed_on", "-pk")
    )


class ProtocolIndexPage(RoutablePageMixin, IndexPage):
    """Signed and in-force protocols, with their parties and dates."""

    subpage_types = []

    class Meta:
        verbose_name = _("protocols index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        protocols, page_range = paginate(public_protocols(), request.GET.get("page"))
        context.update(protocols=protocols, items=protocols, page_range=page_range)
        return context

    @path("<int:pk>/", name="protocol")
    def protocol(self, request, pk):
        """One protocol: its parties and signatories (public office holders: names and
        functions only), its texts with their SHA-256, its working group, its ceremony."""
        signatories = Signatory.objects.select_related("person", "signature").order_by("pk")
        parties = Party.objects.select_related("organisation").prefetch_related(
            Prefetch("signatories", queryset=signatories)
        )
        members = WorkingGroupMember.objects.select_related("person", "organisation")
        protocol = get_object_or_404(
            Protocol.objects.filter(status__in=PUBLIC_STATUSES)
            .select_related("signing_ceremony", "working_group")
            .prefetch_related(
                Prefetch("parties", queryset=parties.order_by("sort_order", "pk")),
                Prefetch("texts", queryset=ProtocolText.objects.order_by("language")),
                Prefetch("working_group__members", queryset=members.order_by("pk")),
            ),
            pk=pk,
        )
        language = (get_language() or "fr")[:2]
        return self.render(
            request,
            template="stakeholders/protocols/public_detail.html",
            context_overrides={
                "protocol": protocol,
                "untranslated": not getattr(protocol, f"title_{language}", None),
                "ceremony": protocol.signing_ceremony
                if protocol.signing_ceremony and protocol.signing_ceremony.live
                else None,
            },
        )

    @path("<int:pk>/text/<str:language>/", name="protocol_text")
    def protocol_text(self, request, pk, language):
        """The signed text in one language, downloaded."""
        from ..views.signing import document_download  # views import the models

        text = get_object_or_404(
            ProtocolText.objects.select_related("document"),
            protocol__pk=pk,
            protocol__status__in=PUBLIC_STATUSES,
            language=language,
        )
        if not text.document.file:
            raise Http404
        return document_download(text.document)


class RecommendationTrackerPage(RoutablePageMixin, IndexPage):
    """The public tracker: public recommendations, their status and progress, by country."""

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("recommendations tracker")
