"""RSS 2.0 and Atom feeds of the news and press releases, one per language.

Served by NewsIndexPage's `rss/` and `atom/` routes, so each language has its own feed URL
(/fr/actualites/rss/, /ar/…/rss/): items are in the language of the URL (French where a text is
untranslated), with absolute links to the pages in that language.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models.news import FEED_LENGTH


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        # One feed object per request (see the routes): keeping the request here is safe.
        self.request = request
        return index

    def _absolute_url(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def title(self, index):
        return f"{index.title} · AMEM"

    def link(self, index):
        return self._absolute_url(index)

    def description(self, index):
        return index.introduction or index.title

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def items(self, index):
        return index.news()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.listing_summary

    def item_link(self, item):
        return self._absolute_url(item)

    def item_pubdate(self, item):
        return datetime.combine(item.date, time.min)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
