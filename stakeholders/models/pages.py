"""The registry's public pages: the partners directory, the signed protocols and the tracker of
recommendations."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.timezone import localdate
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from documents.pdf import stored_pdf_response
from home.forms import paginate
from home.models import IndexPage
from home.vocabulary import Scope

from .protocols import Party, Protocol, ProtocolText, Signatory, WorkingGroupMember

# What the public protocols page shows: never a draft, nor one still open for signature.
PUBLIC_STATUSES = (Protocol.Status.SIGNED, Protocol.Status.IN_FORCE)


class PartnersDirectoryPage(IndexPage):
    """Organisations flagged public, by country and constituency."""

    subpage_types = []
    # The query parameters its view reads (amem.page_cache keys and strips by them).
    cache_parameters = ("country", "constituency", "page")

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
    show_in_menus_default = True  # in the main navigation unless an editor takes it out
    # The query parameters each view reads (amem.page_cache keys and strips by them).
    cache_parameters = {"index_route": ("page",)}

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


# A route that ends in a file name: RoutablePageMixin adds a trailing slash to every pattern, so
# it accepts one. site/urls.py lets these paths reach the page past Wagtail's dotless pattern.
FILE_ROUTE = r"^{}/?$"


class RecommendationTrackerPage(RoutablePageMixin, IndexPage):
    """The public tracker: public recommendations, their status and progress, by country.

    Routes: a country's view, a recommendation with its validated timeline, the open data (CSV,
    JSON) and a country's implementation report (PDF), in the URL's language. Only public
    recommendations, and no personal data (stakeholders/tracker.py).
    """

    subpage_types = []
    max_count = 1
    show_in_menus_default = True  # in the main navigation unless an editor takes it out
    # The query parameters each view reads (amem.page_cache keys and strips by them): the
    # listings' and open data's filters (a country's view has its country in the path).
    cache_parameters = {
        "index_route": ("country", "axis", "status", "source", "page"),
        "country": ("axis", "status", "source", "page"),
        "csv": ("country", "axis", "status", "source"),
        "json": ("country", "axis", "status", "source"),
    }

    class Meta:
        verbose_name = _("recommendations tracker")

    def get_context(self, request, *args, country=None, listed=True, **kwargs):
        """The listing of public recommendations (of `country` in its view); none for a route
        that shows something else (`listed=False`)."""
        from ..tracker import listing  # the tracker's module imports these models

        context = super().get_context(request, *args, **kwargs)
        if not listed:
            return context
        base = self.get_url(request)
        if country:
            base += self.reverse_subpage("country", args=[country.lower()])
        context.update(listing(base, request.GET, country=country))
        return context

    @path("country/<str:code>/", name="country")
    def country_view(self, request, code):
        from ..tracker import country_code

        country = country_code(code)
        if country is None:
            raise Http404
        return self.render(request, country=country)

    @path("<int:pk>/", name="recommendation")
    def recommendation_view(self, request, pk):
        from ..tracker import public_recommendation, public_sources

        recommendation = public_recommendation(pk)
        if recommendation is None:
            raise Http404
        language = (get_language() or "fr")[:2]
        return self.render(
            request,
            listed=False,
            template="stakeholders/tracker/recommendation.html",
            context_overrides={
                "recommendation": recommendation,
                "untranslated": not getattr(recommendation, f"title_{language}", None),
                "source": recommendation.source_page
                if recommendation.source_page_id in public_sources([recommendation])
                else None,
            },
        )

    def _open_data(self, request):
        from .. import dashboard, tracker

        values = dashboard.TrackerFilterForm(request.GET).valid_values()
        recommendations = dashboard.filter_recommendations(
            dashboard.public_recommendations(), values
        )
        base = self.get_url(request)
        return tracker.open_data(
            tracker.for_open_data(recommendations),
            request,
            lambda item: base + self.reverse_subpage("recommendation", args=[item.pk]),
        )

    @re_path(FILE_ROUTE.format(r"recommendations\.csv"), name="csv")
    def csv_view(self, request):
        """The public recommendations as CSV, in the URL's language; the filters apply."""
        from ..tracker import csv_response

        language = (get_language() or "fr")[:2]
        return csv_response(self._open_data(request), f"amem-recommendations-{language}.csv")

    @re_path(FILE_ROUTE.format(r"recommendations\.json"), name="json")
    def json_view(self, request):
        """The public recommendations as JSON, in the URL's language; the filters apply."""
        from ..tracker import json_response

        return json_response(self._open_data(request), (get_language() or "fr")[:2])

    @re_path(FILE_ROUTE.format(r"report/(?P<code>[A-Za-z]{2})\.pdf"), name="report")
    def report_view(self, request, code):
        """A country's implementation report, as PDF, in the URL's language."""
        from documents.generation import current_generation

        from ..tracker import country_code, country_report

        country = country_code(code)
        if country is None:
            raise Http404
        language = (get_language() or "fr")[:2]
        title = gettext("Implementation of the recommendations · %(country)s") % {
            "country": Scope(country).label
        }
        # It shows the registry's data (recommendations, their progress, organisations), which
        # any content write may change, and the day it is printed.
        version = ("country-report", self.pk, country, current_generation(), localdate())
        return stored_pdf_response(
            version,
            "stakeholders/tracker/pdf/country_report.html",
            lambda: {**country_report(country), "page": self},
            title=title,
            language=language,
            filename=f"amem-recommendations-{country.lower()}-{language}.pdf",
            request=request,
        )
