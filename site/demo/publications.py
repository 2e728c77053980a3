"""The demo publications' files: one PDF per language, rendered by the project's PDF renderer
(documents/pdf.py) from the publication's own title and summary in that language, and marked
as a demo placeholder (data/publications.json, "file").

A publication gets its files only while it has none in any language: running the loader again
renders nothing and adds no document, and what an editor attached or removed stays.
"""

import functools

from django.core.files.base import ContentFile
from django.utils import translation

from documents.models import Document

from .common import LANGUAGES, data

TEXT = data("publications")["file"]


def attach_files(page):
    """Gives `page` (a PublicationPage) a public PDF in each language, unless it has a file or
    an editor's draft (publishing here would bury the draft)."""
    page.refresh_from_db()  # a page just published holds its state from before publishing
    if page.has_unpublished_changes or any(
        getattr(page, f"document_{language}_id") for language in LANGUAGES
    ):
        return
    for language in LANGUAGES:
        setattr(page, f"document_{language}", _document(page, language))
    page.save_revision().publish()


def _document(page, language):
    title = getattr(page, f"title_{language}")
    with translation.override(language):
        kind = page.get_kind_display()
    pdf = _pdf(
        language,
        kicker=TEXT["kicker"][language],
        kind=str(kind),
        year=page.year,
        heading=title,
        authors=getattr(page, f"authors_{language}"),
        summary=getattr(page, f"summary_{language}"),
    )
    document = Document(
        title=title,
        # The English slug is ASCII: a file name every system keeps as is.
        file=ContentFile(pdf, name=f"{page.slug_en}-{language}.pdf"),
        language=language,
        kind=page.kind if page.kind in Document.Kind.values else Document.Kind.OTHER,
        visibility=Document.Visibility.PUBLIC,
    )
    document._set_document_file_metadata()  # noqa: SLF001 - what Wagtail's own upload does
    document.save()
    return document


@functools.cache
def _pdf(language, **context):
    """The file's bytes, rendered once per process for the same text: the test suite loads the
    demo in several modules of one process, each in a transaction rolled back after it."""
    from documents.pdf import render_to_pdf  # WeasyPrint loads slowly: only when needed

    return render_to_pdf(
        "demo/publication_file.html", context, title=context["heading"], language=language
    )
