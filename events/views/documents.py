"""A participant's documents, opened by the registration's secret token (the link in their emails
and on their manage page), so without logging in.

An unknown token and a document that is not available (a badge before confirmation, a letter
nobody asked for, a certificate before any check-in) are the same 404: a token only ever opens
its own registration's documents, and a stranger learns nothing from trying one. The manage page
shows a link only when `participant_documents.*_available` says the document exists.

Each document is in the language of the URL it is opened from (LocaleMiddleware activates it
from the prefix), not the participant's preferred one: the page offers every language.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.http import require_GET

from documents.pdf import content_disposition

from .. import participant_documents as documents
from ..models import Registration


def _registration(token):
    return get_object_or_404(
        Registration.objects.select_related("event", "organisation"), token=token
    )


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename)
    # Personal data (a passport number): no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def badge(request, token):
    registration = _registration(token)
    if not documents.badge_available(registration):
        raise Http404
    language = translation.get_language()
    content = documents.badge_pdf(registration, language=language, request=request)
    return _pdf(content, documents.badge_filename(registration.event))


@require_GET
def invitation_letter(request, token):
    registration = _registration(token)
    if not documents.invitation_letter_available(registration):
        raise Http404
    language = translation.get_language()
    content = documents.invitation_letter_pdf(registration, language=language, request=request)
    return _pdf(content, documents.invitation_letter_filename(registration, language))


@require_GET
def certificate(request, token):
    registration = _registration(token)
    if not documents.certificate_available(registration):
        raise Http404
    language = translation.get_language()
    content = documents.certificate_pdf(registration, language=language, request=request)
    return _pdf(content, documents.certificate_filename(registration, language))
