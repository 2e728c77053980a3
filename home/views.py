"""The site search: /fr/recherche/?q=…, over the live pages, in the language of the URL.

Wagtail's search index (the database backend) holds every page in the three languages: BasePage
indexes `title_fr`, `title_ar`, `body_en`… (see BasePage.get_search_fields), and Wagtail updates it
when a page is saved or published. The backend cannot search only some languages' fields (SQLite's
full-text table has one title and one body column for all of them), so its best-ranked candidates
are kept only when every word searched for is in what the page shows in the visitor's language.
"""

import re
import unicodedata

from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Page, Site

from .forms import SEARCH_PER_PAGE, SearchForm, paginate

# The backend's best candidates that are checked against the visitor's language.
MAX_CANDIDATES = 200
TATWEEL = "\u0640"


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = search_pages(query, request) if query else []
    page, page_range = paginate(results, request.GET.get("page"), SEARCH_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_form": form,
            "query": query,
            "results": page,
            "result_count": len(results),
            "page_range": page_range,
            "page_query": urlencode({"q": query}),
        },
    )


def search_pages(query, request):
    """Live public pages of the site whose text in the active language has every word of
    `query`, the most relevant first."""
    words = re.findall(r"\w+", query)
    if not words:
        return []
    pages = Page.objects.live().public()
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.in_site(site)
    # Words only: quotes, stars or brackets would be full-text query syntax.
    ranked = [page.pk for page in pages.search(" ".join(words), operator="and")[:MAX_CANDIDATES]]
    found = {page.pk: page for page in Page.objects.filter(pk__in=ranked).specific()}
    terms = [_fold(word) for word in words]
    return [found[pk] for pk in ranked if pk in found and _shows(found[pk], terms)]


def _shows(page, terms):
    """Whether the page's text in the active language has every term (as a word or its start:
    "migrant" finds "migrants")."""
    text = page.search_text() if hasattr(page, "search_text") else page.title
    words = set(re.findall(r"\w+", _fold(text)))
    return all(any(word.startswith(term) for word in words) for term in terms)


def _fold(text):
    """Lower case, without accents or Arabic short vowels and tatweel: "Étude" ~ "etude"."""
    decomposed = unicodedata.normalize("NFKD", text.replace(TATWEEL, ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
