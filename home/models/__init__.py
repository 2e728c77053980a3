"""The editorial base of the site. Import models from here."""

from .base import BasePage, ListingFields, SocialFields
from .news import NewsIndexPage, NewsPage
from .pages import ContentPage, HomePage
from .publications import PublicationIndexPage, PublicationPage
from .site_settings import SiteFooter

__all__ = [
    "BasePage",
    "ContentPage",
    "HomePage",
    "ListingFields",
    "NewsIndexPage",
    "NewsPage",
    "PublicationIndexPage",
    "PublicationPage",
    "SiteFooter",
    "SocialFields",
]
