"""The one PDF renderer of the project, over WeasyPrint.

Templates extend ``pdf/base.html`` and use ``{% static %}``/media URLs as on the site. WeasyPrint
resolves them against a fake origin (``https://amem.invalid/``) that only `LocalURLFetcher`
(documents/fetcher.py) understands: it serves ``data:`` URIs and our own static and media files
from disk, and refuses everything else (network, ``file://``, other schemes), so rendering never
opens a socket and a template or an editor's rich text cannot pull in a local file or an internal
URL. PDF attachments (``<link rel=attachment>``, ``<a rel=attachment>``) are never embedded.

A PDF that the site offers to anyone (a workshop's agenda, a country's report) is laid out once
per version of what it shows and kept in the shared cache (`stored_pdf_response`): otherwise
every request, or every `?x=<anything>` past the page cache, lays it out again (a second or
more of CPU). It is kept a day: a deploy that changes how such a PDF looks (template, styles,
translations) shows within a day, or at once once the cache is flushed.

WeasyPrint and pypdf are imported at the first PDF, not with this module: models and views import
it at startup, and WeasyPrint alone (Pango through cffi, fonts) takes most of a second to load.
"""

import functools
import hashlib
import io
import math
import multiprocessing
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from urllib.parse import quote, urljoin

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

# The .invalid TLD can never resolve (RFC 2606): even a fetcher bug could not reach a real host.
BASE_URL = "https://amem.invalid/"
AUTHOR = "AMEM"


def _public_base_url(request=None) -> str | None:
    """Where the site's own links in a PDF should point (the PDF is read outside the site)."""
    if request is not None:
        return request.build_absolute_uri("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", None) or None


def HTML(**kwargs):  # noqa: N802 - stands for weasyprint.HTML, which tests wrap to count layouts
    """A `weasyprint.HTML` document, WeasyPrint being imported at the first one (see above)."""
    from weasyprint import HTML as WeasyPrintHTML

    return WeasyPrintHTML(**kwargs)


def _render(html: str, *, title: str, language: str, public_base_url: str | None) -> bytes:
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import LocalURLFetcher

    font_config = FontConfiguration()
    document = HTML(
        string=html, base_url=BASE_URL, url_fetcher=LocalURLFetcher(), media_type="print"
    ).render(font_config=font_config)
    # Attachments are fetched only when the PDF is written: dropping them here means no file,
    # even one of ours, is ever embedded (a template bug must not ship /media/ files inside).
    document.metadata.attachments = []
    for page in document.pages:
        links = []
        for link_type, target, rectangle, box in page.links:
            if link_type == "attachment":
                continue
            if link_type == "external" and target.startswith(BASE_URL):
                # Relative links were resolved against the fake origin: point them at the site.
                if not public_base_url:
                    continue
                target = urljoin(public_base_url, target[len(BASE_URL) - 1 :])
            links.append((link_type, target, rectangle, box))
        page.links = links
    # The arguments win over whatever the HTML says, so every PDF carries them.
    document.metadata.title = title
    document.metadata.lang = language
    document.metadata.authors = [AUTHOR]
    document.metadata.generator = AUTHOR
    return document.write_pdf()


def render_pdf(html: str, *, title: str, language: str) -> bytes:
    """HTML (a full document) -> PDF bytes, with our locked-down URL fetcher.

    The HTML should link ``css/pdf.css`` (``pdf/base.html`` does): it declares the bundled fonts,
    the Arabic one included. Relative URLs resolve against the site root.
    """
    return _render(html, title=title, language=language, public_base_url=_public_base_url())


def render_to_pdf(
    template_name: str, context: dict, *, title: str, language: str, request=None
) -> bytes:
    """Renders a Django template (which extends "pdf/base.html") in `language`; PDF bytes."""
    html = _html(template_name, context, title=title, language=language, request=request)
    return _render(html, title=title, language=language, public_base_url=_public_base_url(request))


def _html(template_name, context, *, title, language, request):
    with translation.override(language):
        direction = "rtl" if translation.get_language_bidi() else "ltr"
        return render_to_string(
            template_name,
            {**context, "title": title, "language": language, "direction": direction},
            request=request,
        )


# Below this many pages a part, parallel layout costs more (processes, joining) than it saves.
SMALLEST_PART = 40
MOST_PROCESSES = 4


def render_to_pdf_in_parts(
    template_name: str,
    context: dict,
    *,
    pages: str,
    title: str,
    language: str,
    request=None,
) -> bytes:
    """`render_to_pdf` for a long run of pages (`context[pages]`, one item a page), in parallel.

    WeasyPrint lays out on one core, about 25 ms a page: 300 badges take 9 s there. The items are
    cut into one part per core, each part laid out in a process of its own (forked: it inherits
    the loaded Django and fonts) and the parts joined, pages in order. Each part carries its own
    subset of the fonts, so the file is a little larger than one document's; page counters
    restart in each part, so it is for documents whose pages are not numbered (badges).
    """
    items = list(context[pages])
    processes = min(os.cpu_count() or 1, MOST_PROCESSES, len(items) // SMALLEST_PART)
    if processes < 2:
        return render_to_pdf(
            template_name, context, title=title, language=language, request=request
        )
    size = math.ceil(len(items) / processes)
    parts_html = [
        _html(
            template_name,
            {**context, pages: items[start : start + size]},
            title=title,
            language=language,
            request=request,
        )
        for start in range(0, len(items), size)
    ]
    render = functools.partial(
        _render, title=title, language=language, public_base_url=_public_base_url(request)
    )
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(render, parts_html))
    return join(parts, title=title, language=language)


def join(parts: list[bytes], *, title: str, language: str) -> bytes:
    """The parts' pages in order, in one document that keeps the title and the language."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    writer.add_metadata({"/Title": title, "/Author": AUTHOR, "/Creator": AUTHOR})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    joined = io.BytesIO()
    writer.write(joined)
    return joined.getvalue()


# Characters that are unsafe in a file name on some system, or that naive header parsers split on.
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|;,=]+')


def safe_filename(filename: str, default: str = "document.pdf") -> str:
    """A file name without paths, control or bidi-override characters, ending in .pdf."""
    name = unicodedata.normalize("NFC", str(filename))
    # Cc: control characters (header injection); Cf: bidi overrides ("‮fdp.exe" spoofing).
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    name = re.sub(r"\s+", " ", _UNSAFE_FILENAME.sub("-", name)).strip(" .-_")
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = stem[:120].strip(" .-_")
    return f"{stem}.pdf" if stem else default


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """RFC 6266 Content-Disposition: an ASCII filename plus filename*=UTF-8'' when needed."""
    name = safe_filename(filename)
    # Old clients read only filename=: accents lose their marks, an Arabic name becomes generic.
    ascii_stem = unicodedata.normalize("NFKD", name[:-4]).encode("ascii", "ignore").decode()
    ascii_name = safe_filename(re.sub(r"[^A-Za-z0-9._ -]+", "-", ascii_stem))
    value = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def pdf_response(
    template_name: str,
    context: dict,
    *,
    title: str,
    language: str,
    filename: str,
    request=None,
    inline: bool = True,
) -> HttpResponse:
    """application/pdf response; Content-Disposition inline or attachment with a safe filename.

    RFC 6266: filename*=UTF-8'' carries non-ASCII names (Arabic titles), with an ASCII fallback.
    """
    pdf = render_to_pdf(template_name, context, title=title, language=language, request=request)
    return _pdf_file(pdf, filename, inline=inline)


# How long a stored PDF is kept; its key changes, and it is laid out again, with what it shows.
STORED_PDF_SECONDS = 24 * 3600


def stored_pdf_response(
    version: tuple,
    template_name: str,
    context,
    *,
    title: str,
    language: str,
    filename: str,
    request=None,
    inline: bool = True,
) -> HttpResponse:
    """`pdf_response`, laid out once per `version` and language, then read from the cache.

    `version` names everything the PDF shows: the page and its live revision, and whatever it
    shows from elsewhere (the registry's data, the day it is printed). The language and the
    address its links point to are added. `context` is a function, called only to lay it out.
    A `version` holding None (unknown) is laid out every time, as is everything when the cache
    cannot be reached.
    """
    key = None
    if None not in version:
        name = repr((*version, language, _public_base_url(request)))
        key = f"pdf:{hashlib.sha256(name.encode()).hexdigest()}"
    pdf = cache.get(key) if key else None
    if pdf is None:
        pdf = render_to_pdf(
            template_name, context(), title=title, language=language, request=request
        )
        if key:
            cache.set(key, pdf, STORED_PDF_SECONDS)
    return _pdf_file(pdf, filename, inline=inline)


def _pdf_file(pdf: bytes, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
