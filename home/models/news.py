from urllib.parse import unquote

from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from ..blocks import BaseStreamBlock
from ..forms import NewsFilterForm
from ..vocabulary import Scope
from .base import BasePage, IndexPage, with_card_data

FEED_LENGTH = 20


def published_news():
    """Live, public news and press releases, the newest first."""
    return NewsPage.objects.live().public().order_by("-date", "-pk")


class NewsIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["home.NewsPage"]
    # The query parameters each view reads (amem.page_cache keys and strips by them).
    cache_parameters = {"index_route": ("kind", "page")}

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return published_news().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = NewsFilterForm.listing(
            with_card_data(self.news()), request.GET, kinds=NewsPage.Kind.choices
        )
        context.update(listing, news=listing["items"])
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import NewsRssFeed  # feeds import this module

        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


class NewsPage(RoutablePageMixin, BasePage):
    """A news item or a press release (communiqué de presse)."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PRESS_RELEASE = "press_release", _("Press release")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"), default=timezone.localdate)
    country = models.CharField(_("country"), max_length=2, choices=Scope.choices, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    # A page link, not a foreign key to events: home knows nothing of workshops.
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
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("country")], heading=_("About")
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("related_event"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    open_graph_type = "article"

    class Meta:
        verbose_name = _("news item or press release")
        verbose_name_plural = _("news and press releases")
        ordering = ["-date"]

    @property
    def is_press_release(self):
        return self.kind == self.Kind.PRESS_RELEASE

    @property
    def related_workshop(self):
        """The related workshop while it is live. Its title and URL are on the base Page (the
        translated columns live there), so no `.specific` query is needed to link to it."""
        page = self.related_event
        return page if page is not None and page.live else None

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The press release as a PDF, in the language of the URL; plain news has none."""
        if not self.is_press_release:
            raise Http404
        # Imported here: WeasyPrint takes half a second to load and most requests never need it.
        from documents.pdf import pdf_response

        language = translation.get_language()
        url = request.build_absolute_uri(self.get_url(request))
        return pdf_response(
            "home/pdf/press_release.html",
            # The link is percent-encoded; its label shows Arabic slugs in Arabic letters.
            {"page": self, "page_url": url, "page_url_label": unquote(url)},
            title=self.title,
            language=language,
            filename=f"{self.slug}.pdf",
            request=request,
        )
