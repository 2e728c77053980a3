"""The editorial base of the site. Import models from here."""

from .base import BasePage, IndexPage, ListingFields, SocialFields, with_card_data
from .news import NewsIndexPage, NewsPage
from .pages import ContentPage, HomePage
from .publications import PublicationIndexPage, PublicationPage
from .site_settings import SiteFooter

__all__ = [
    "BasePage",
    "ContentPage",
    "HomePage",
    "IndexPage",
    "ListingFields",
    "NewsIndexPage",
    "NewsPage",
    "PublicationIndexPage",
    "PublicationPage",
    "SiteFooter",
    "SocialFields",
    "with_card_data",
]
