"""What every page of the site shares."""

from contextlib import suppress

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..page_forms import BasePageForm

# og:locale wants a territory: Arabic for the whole Arab world is ar_AR, as Facebook spells it.
OPEN_GRAPH_LOCALES = {"fr": "fr_FR", "ar": "ar_AR", "en": "en_GB"}
OPEN_GRAPH_IMAGE = "fill-1200x630"
# Translated fields that hold no prose: never indexed nor searched.
NOT_TEXT = {"slug", "url_path"}


class ListingFields(models.Model):
    """How a page presents itself in lists and cards."""

    listing_title = models.CharField(
        _("listing title"), max_length=255, blank=True, help_text=_("Defaults to the title.")
    )
    listing_summary = models.TextField(_("listing summary"), blank=True)
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Listing"),
        )
    ]

    class Meta:
        abstract = True


class SocialFields(models.Model):
    """What a page shows when it is shared (Open Graph)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_text = models.CharField(_("social text"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")], heading=_("Social sharing")
        )
    ]

    class Meta:
        abstract = True


class BasePageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's, reading the private sections from the cache (home/site_parts.py) rather
        than querying them each time: a page lists several kinds of public pages."""
        from ..site_parts import private_q  # site_parts imports the models

        return self.exclude(private_q())


class BasePage(ListingFields, SocialFields, Page):
    """What every page of the site shares: listing and social fields, translation status."""

    objects = PageManager.from_queryset(BasePageQuerySet)()

    promote_panels = Page.promote_panels + ListingFields.panels + SocialFields.panels
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    # What Open Graph calls the page; a news item says "article".
    open_graph_type = "website"

    @classmethod
    def _translated_fields(cls, *types):
        try:
            names = translator.get_options_for_model(cls).all_fields
        except NotRegistered:
            return []
        return [name for name in sorted(names) if isinstance(cls._meta.get_field(name), types)]

    @classmethod
    def translated_text_fields(cls):
        """Names of the page's translated prose fields: title, listing summary, body…"""
        text = (models.CharField, models.TextField, RichTextField, StreamField)
        return [name for name in cls._translated_fields(*text) if name not in NOT_TEXT]

    def full_clean(self, *args, exclude=None, **kwargs):
        """Leaves out the original field of a translated foreign key (a publication's `document`).

        Its `document_id` reads through the French fallback, and cleaning sets it back, which
        modeltranslation writes into the active language's column: saved from the Arabic admin, a
        publication with only a French file would offer that file as its Arabic one. The
        `document_fr/_ar/_en` fields themselves are still cleaned.
        """
        exclude = {*(exclude or ()), *self._translated_fields(models.ForeignKey)}
        return super().full_clean(*args, exclude=exclude, **kwargs)

    @classmethod
    def get_search_fields(cls):
        """Every translated prose field in every language: `title_ar`, `body_fr`, `summary_en`…

        The plain `body` would index whichever language was active when the page was saved (the
        editor's admin language). Built here rather than listed on each page type, so that every
        page of the site, whoever wrote it, is searchable in the three languages.
        """
        fields = super().get_search_fields()
        known = {field.field_name for field in fields if isinstance(field, index.SearchField)}
        for name in cls.translated_text_fields():
            for code in settings.MODELTRANSLATION_LANGUAGES:
                localized = f"{name}_{code}"
                if localized not in known:
                    fields.append(index.SearchField(localized))
        return fields

    @property
    def listing_text(self):
        """What a card or a search result says of the page, in the active language."""
        for name in ("listing_summary", "search_description", "introduction", "summary"):
            value = getattr(self, name, "")
            if isinstance(value, str) and value.strip():
                return value
        return ""

    def search_text(self):
        """The words the page shows in the active language (French where it is untranslated)."""
        texts = []
        for name in self.translated_text_fields():
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if not value:
                continue
            if hasattr(field, "get_searchable_content"):
                texts.extend(str(text) for text in field.get_searchable_content(value))
            else:
                texts.append(str(value))
        return " ".join(texts)

    def get_view_restrictions(self):
        """Wagtail's (checked before the page is served), without its two queries when no
        private section holds the page, as the private sections kept in the cache show."""
        from ..site_parts import private_sections  # site_parts imports the models

        sections = private_sections()
        if sections["aliases"] or any(self.path.startswith(path) for path in sections["paths"]):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["open_graph"] = self.open_graph(request)
        return context

    def open_graph(self, request):
        """The Open Graph and Twitter card values of the page, with absolute URLs."""
        current = (get_language() or settings.LANGUAGE_CODE)[:2]
        image_url = None
        image = self.social_image or self.listing_image
        if image is not None:
            with suppress(SourceImageIOError):
                image_url = request.build_absolute_uri(image.get_rendition(OPEN_GRAPH_IMAGE).url)
        return {
            "title": self.seo_title or self.title,
            "description": self.search_description or self.social_text or self.listing_summary,
            "type": self.open_graph_type,
            "url": request.build_absolute_uri(self.get_url(request)),
            "image": image_url,
            "locale": OPEN_GRAPH_LOCALES.get(current, current),
            "alternate_locales": [
                OPEN_GRAPH_LOCALES.get(code, code)
                for code, _name in settings.LANGUAGES
                if code != current
            ],
        }

    def get_sitemap_urls(self, request=None):
        """The page once per language, each entry naming all the languages (and x-default)."""
        lastmod = self.last_published_at or self.latest_revision_created_at
        locations = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = self.get_url(request)
                if url is None:  # not routable (outside every site)
                    return []
                locations[code] = request.build_absolute_uri(url) if request else self.full_url
        alternates = [{"lang_code": code, "location": url} for code, url in locations.items()]
        alternates.append({"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]})
        return [
            {"location": url, "lastmod": lastmod, "alternates": alternates}
            for url in locations.values()
        ]

    def untranslated_fields(self, language=None):
        """Fields that have French content but none in `language` (shown in French instead)."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        if language == settings.LANGUAGE_CODE:
            return []
        names = ["title"]
        with suppress(NotRegistered):
            names += list(translator.get_options_for_model(type(self)).local_fields)
        return [
            name
            for name in dict.fromkeys(names)
            if self._has_content(f"{name}_{settings.LANGUAGE_CODE}")
            and not self._has_content(f"{name}_{language}")
        ]

    def _has_content(self, name):
        try:
            field = self._meta.get_field(name)
        except FieldDoesNotExist:  # a language the site has no columns for
            return False
        if isinstance(field, models.ForeignKey):  # a translated file: its id, with no query
            return getattr(self, field.attname) is not None
        value = getattr(self, name)
        if value is None:
            return False
        if isinstance(value, str):
            return bool(value.strip())
        return len(value) > 0


CARD_IMAGE = "fill-640x360"


def with_card_data(queryset, *related, prefetch=()):
    """What a card shows in a fixed number of queries: its listing image joined, the image's
    rendition in the card's size prefetched (one query), `related` foreign keys joined and
    `prefetch` relations prefetched."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE)
    return queryset.select_related("listing_image", *related).prefetch_related(
        *prefetch,
        Prefetch("listing_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )


class IndexPage(BasePage):
    """A page that lists its children: the workshops, the news, the publications."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
