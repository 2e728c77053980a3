from urllib.parse import unquote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail import hooks
from wagtail.models import Page

from home import menu
from home.site_parts import site_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language: for the switcher and the hreflang alternates."""
    request = context["request"]
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    if page is not None:
        # A route of the page (…/agenda/) and the query (filters) stay as they are.
        page_path = unquote(page.get_url(request=request) or "")
        here = request.get_full_path()
        rest = here[len(iri_to_uri(page_path)) :] if here.startswith(iri_to_uri(page_path)) else ""
    links = []
    for code, _name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                url = f"{page.get_url(request=request)}{rest}"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "active": code == current,
                "bidi": translation.get_language_info(code)["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main navigation's items for this request (home/menu.py)."""
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    return menu.main_menu(context["request"], page)


@register.simple_tag(takes_context=True)
def country_links(context):
    """The four countries, each with the URL of its page where one exists."""
    return site_parts(context["request"]).countries


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's words on the partners (the SiteFooter setting), in the active language."""
    return site_parts(context["request"])


@register.simple_tag(takes_context=True)
def home_sections(context, page):
    """HTML that other apps add to the home page (upcoming workshops, news) via a hook."""
    request = context["request"]
    return [fn(request, page) for fn in hooks.get_hooks("amem_home_sections")]


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    """HTML that other apps add to a page via the `amem_page_sections` hook (the recommendations
    of a study or a workshop); each hook returns "" for a page it has nothing to add to."""
    request = context["request"]
    return [fn(request, page) for fn in hooks.get_hooks("amem_page_sections")]


@register.simple_tag(takes_context=True)
def untranslated(context, page):
    if not hasattr(page, "untranslated_fields"):
        return []
    return page.untranslated_fields()
