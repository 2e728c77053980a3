from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.fields import StreamField

from ..blocks import BaseStreamBlock
from ..forms import PublicationFilterForm
from ..vocabulary import Axis, Scope
from .base import BasePage, IndexPage, with_card_data


def this_year():
    return timezone.localdate().year


def published_publications():
    """Live, public publications, the most recent first."""
    return PublicationPage.objects.live().public().order_by("-year", "-first_published_at", "-pk")


def document_fields():
    """The foreign keys `document` reads in the active language: its own and French, the
    fallback. Joined in lists, so that a card's file costs no query."""
    return list(dict.fromkeys([f"document_{_language()}", f"document_{settings.LANGUAGE_CODE}"]))


def _language():
    return (get_language() or settings.LANGUAGE_CODE)[:2]


class PublicationIndexPage(IndexPage):
    subpage_types = ["home.PublicationPage"]
    # The query parameters its view reads (amem.page_cache keys and strips by them).
    cache_parameters = ("kind", "country", "axis", "year", "page")

    class Meta:
        verbose_name = _("publications index")

    def publications(self):
        return published_publications().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publications = self.publications()
        years = publications.order_by("-year").values_list("year", flat=True).distinct()
        listing = PublicationFilterForm.listing(
            with_card_data(publications, *document_fields()),
            request.GET,
            kinds=PublicationPage.Kind.choices,
            years=list(years),
        )
        context.update(listing, publications=listing["items"])
        return context


class PublicationPage(BasePage):
    """A study, report, concept note…: one file per language (`document` is translated)."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        REPORT = "report", _("Report")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        LEGAL_ANALYSIS = "legal_analysis", _("Legal analysis")
        PRESENTATION = "presentation", _("Presentation")
        PRESS_KIT = "press_kit", _("Press kit")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STUDY)
    country = models.CharField(_("country"), max_length=2, choices=Scope.choices, blank=True)
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), default=this_year)
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("country"),
                FieldPanel("axis"),
                FieldPanel("year"),
                FieldPanel("authors"),
            ],
            heading=_("About"),
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        FieldPanel("related_event"),
    ]
    parent_page_types = ["home.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def listing_file(self):
        """The file a card names: the active language's, else the French one; public only."""
        document = self.document
        if document is None or document.visibility != document.Visibility.PUBLIC:
            return None
        return document

    @property
    def related_workshop(self):
        page = self.related_event
        return page if page is not None and page.live else None

    def files(self, user):
        """The file in each language that `user` may download: the active language's first,
        then the others in the site's language order."""
        ids = {code: getattr(self, f"document_{code}_id") for code, _name in settings.LANGUAGES}
        documents = get_document_model().objects.in_bulk([pk for pk in ids.values() if pk])
        files = [
            {
                "language": code,
                "name": get_language_info(code)["name_local"],
                "direction": "rtl" if get_language_info(code)["bidi"] else "ltr",
                "document": documents[pk],
            }
            for code, pk in ids.items()
            if pk in documents and documents[pk].is_visible_to(user)
        ]
        return sorted(files, key=lambda file: file["language"] != _language())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.files(request.user)
        return context
