"""A participant's documents as PDFs: badges, the sign-in sheet, the visa invitation letter and
the attendance certificate. All go through documents/pdf.py.

segno is imported in the function that uses it: the web processes load this module
at start-up, and only the task worker lays out the staff's documents.

Badges are A6 pages, one participant a page: A6 card stock goes straight through an office
printer, a print dialog puts four on an A4 sheet to cut when there is none, and a badge that
has to be reprinted is one page, not a sheet to realign. In the staff's batch each badge is in
its participant's preferred language (right to left in Arabic), whatever the language of the
batch; its QR code carries the absolute check-in URL, built from `check_in_code` (never the
secret `token`).

What a participant downloads from their own pages (badge, visa letter, certificate) is in the
language of the page they download it from, the URL's prefix: a French speaker who needs an
Arabic certificate opens it from the Arabic page. The links in their emails carry their
preferred language's prefix, so a document opened from an email is in that language.
"""

import base64
import os
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from documents import pdf
from documents.pdf import render_to_pdf, render_to_pdf_in_parts
from home.vocabulary import country_name, strxfrm_key

from .models import Attendance, Registration

Status = Registration.Status

# Side of a QR code module in the PNG: the PDF scales the image to the badge's 34 mm box with
# interpolation off (badges.html), so one pixel a module keeps the file small and the edges sharp.
QR_SCALE = 1
# Medium error correction (15 %) survives a crease or a pen mark and keeps the code small.
QR_ERROR = "m"
# Any of the eight masks decodes; choosing the "best" one costs segno 8 ms a code, three
# quarters of the QR time of 300 badges. tests/events/test_badges.py decodes every code.
QR_MASK = 0
# Past these lengths a name gets a smaller type so that it stays on the badge.
NAME_LONG, NAME_VERY_LONG = 22, 34
ORGANISATION_LONG = 60
WORKSHOP_LONG = 50


def site_root_url(event) -> str:
    """The public site's address, as the emails build it (events/emails.py): the configured
    WAGTAILADMIN_BASE_URL, else the root URL of the workshop's Wagtail site. Never the request's
    host: a badge printed from an internal address must still open the public site."""
    configured = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    site = event.get_site()
    return site.root_url.rstrip("/") if site else ""


def check_in_url(registration, root_url=None) -> str:
    """The absolute URL a badge's QR code holds, in the participant's language."""
    with translation.override(registration.preferred_language):
        path = reverse("events:check_in", kwargs={"code": registration.check_in_code})
    if root_url is None:
        root_url = site_root_url(registration.event)
    return root_url + path


def qr_data_uri(content: str) -> str:
    """A PNG QR code as a data: URI (PNG renders 2-3 times faster than SVG in WeasyPrint)."""
    import segno

    qr = segno.make(content, error=QR_ERROR, mask=QR_MASK, micro=False)
    return qr.png_data_uri(scale=QR_SCALE, border=4)


def _size(text: str, long: int, very_long: int | None = None) -> str:
    if very_long is not None and len(text) > very_long:
        return "very-long"
    return "long" if len(text) > long else ""


def _direction(language: str) -> str:
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


def _stem(event) -> str:
    return slugify(event.slug_fr or "") or f"workshop-{event.pk}"


# Who may have which document. The participant's pages show a link only when these say yes.


def is_current(registration) -> bool:
    """An erased registration has no documents left."""
    return registration.anonymised_at is None


def badge_available(registration) -> bool:
    return is_current(registration) and registration.status == Status.CONFIRMED


def invitation_letter_available(registration) -> bool:
    return (
        is_current(registration)
        and registration.status == Status.CONFIRMED
        and registration.wants_invitation_letter
        and registration.event.invitation_letters_enabled
    )


def certificate_available(registration) -> bool:
    return is_current(registration) and registration.attendances.exists()


# The same rules for a workshop's batches (the staff's badges and sign-in sheets, certificates).


def confirmed(registrations):
    """Those who get a badge and a row on the sign-in sheet."""
    return registrations.filter(status=Status.CONFIRMED, anonymised_at__isnull=True)


def attended(registrations):
    """Those who get a certificate: checked in at least once."""
    checked_in = Attendance.objects.filter(registration=OuterRef("pk"))
    return registrations.filter(Exists(checked_in), anonymised_at__isnull=True)


# Badges


@dataclass(frozen=True)
class Badge:
    """What one badge prints, already in its participant's language."""

    language: str
    direction: str
    name: str
    other_name: str
    other_is_arabic: bool
    name_size: str
    organisation: str
    organisation_size: str
    constituency: str
    constituency_label: str
    workshop: str
    workshop_size: str
    dates: str
    place: str
    qr_code: str
    check_in_url: str


def badge(registration, root_url=None, language=None) -> Badge:
    """One badge, in `language` (default: the participant's): the name in the badge's script
    first, the other script below it."""
    language = language or registration.preferred_language
    with translation.override(language):
        event = registration.event
        if language == "ar" and registration.full_name_ar:
            name, other_name, other_is_arabic = (
                registration.full_name_ar,
                registration.full_name,
                False,
            )
        else:
            name, other_name, other_is_arabic = (
                registration.full_name,
                registration.full_name_ar,
                True,
            )
        organisation = registration.organisation_name
        url = check_in_url(registration, root_url)
        return Badge(
            language=language,
            direction=_direction(language),
            name=name,
            other_name=other_name,
            other_is_arabic=other_is_arabic,
            name_size=_size(name, NAME_LONG, NAME_VERY_LONG),
            organisation=organisation,
            organisation_size=_size(organisation, ORGANISATION_LONG),
            constituency=registration.constituency,
            constituency_label=registration.get_constituency_display(),
            workshop=event.title,
            workshop_size=_size(event.title, WORKSHOP_LONG),
            dates=event.when.dates,
            place=event.place,
            qr_code=qr_data_uri(url),
            check_in_url=url,
        )


def badges_step() -> int:
    """How many badges are laid out between two progress reports: as many as documents/pdf.py
    lays out at once on this machine's cores, so that reporting costs no parallelism."""
    return pdf.SMALLEST_PART * max(1, min(os.cpu_count() or 1, pdf.MOST_PROCESSES))


def badges_pdf(registrations, *, event, language=None, request=None, progress=None) -> bytes:
    """One A6 page a registration, in the given order; the document in `language`.

    `registrations` should come with `select_related("organisation")`: a badge reads its
    organisation's name, and `event` is shared rather than fetched for each one. With
    `progress`, the badges are laid out `badges_step()` at a time and `progress(done)` is called
    after each step (the task worker shows it to the staff waiting for them).
    """
    registrations = list(registrations)
    for registration in registrations:
        registration.event = event
    root_url = site_root_url(event)
    language = language or translation.get_language()
    if progress is None:
        badges = [badge(r, root_url) for r in registrations]
        return _badges_document(badges, event, language, request)
    step = badges_step()
    parts = []
    for start in range(0, len(registrations), step):
        badges = [badge(r, root_url) for r in registrations[start : start + step]]
        parts.append(_badges_document(badges, event, language, request))
        progress(start + len(badges))
    return (
        parts[0]
        if len(parts) == 1
        else pdf.join(parts, title=badges_title(event, language), language=language)
    )


def badge_pdf(registration, *, language=None, request=None) -> bytes:
    """A participant's own badge, the badge and the document in `language` (default: the
    active one)."""
    language = language or translation.get_language()
    badges = [badge(registration, language=language)]
    return _badges_document(badges, registration.event, language, request)


def badges_title(event, language) -> str:
    with translation.override(language):
        return gettext("Badges · %(workshop)s") % {"workshop": event.title}


def _badges_document(badges, event, language, request) -> bytes:
    return render_to_pdf_in_parts(
        "events/pdf/badges.html",
        {"event": event, "badges": badges},
        pages="badges",
        title=badges_title(event, language),
        language=language,
        request=request,
    )


def badge_filename(event) -> str:
    return f"{_stem(event)}-badge.pdf"


def badges_filename(event) -> str:
    return f"{_stem(event)}-badges.pdf"


# The sign-in sheet


def sign_in_order(registrations):
    """By last name then first name, ignoring case and accents (the same on every database)."""
    return sorted(
        registrations, key=lambda r: (strxfrm_key(r.last_name), strxfrm_key(r.first_name), r.pk)
    )


def sign_in_sheet_title(event, day, language) -> str:
    with translation.override(language):
        return gettext("Sign-in sheet · %(workshop)s · %(day)s") % {
            "workshop": event.title,
            "day": dateformat.format(day, "l j F Y"),
        }


def sign_in_sheet_pdf(event, day, registrations, *, language=None, request=None) -> bytes:
    """`registrations` (in `sign_in_order`, with `select_related("organisation")`) on A4 for
    `day`, one row each with a box to sign in."""
    language = language or translation.get_language()
    with translation.override(language):
        day_text = dateformat.format(day, "l j F Y")
    title = sign_in_sheet_title(event, day, language)
    return render_to_pdf(
        "events/pdf/sign_in_sheet.html",
        {"event": event, "day": day, "day_text": day_text, "registrations": registrations},
        title=title,
        language=language,
        request=request,
    )


def sign_in_sheet_filename(event, day) -> str:
    return f"{_stem(event)}-sign-in-{day.isoformat()}.pdf"


# The visa invitation letter and the attendance certificate, in the page's language

# The signature as the PDF embeds it: a PNG keeps a scan's transparency, and 600 px wide is
# 300 dpi at the block's 50 mm, sharp on paper at a fraction of a phone photo's weight.
SIGNATURE_RENDITION = "max-600x240|format-png"


@dataclass(frozen=True)
class Signature:
    """Who signs a workshop's certificates and letters, in the active language."""

    name: str
    title: str
    image: str  # a data: URI, or ""


def signature(event) -> Signature | None:
    """The signature block staff filled on the workshop, or None when they filled none of it.

    The image is embedded as a data: URI read through the storage, so a bucket's private files
    print as well as MEDIA_ROOT's (documents/pdf.py loads no remote URL).
    """
    name, title = event.signatory_name.strip(), (event.signatory_title or "").strip()
    image = event.signature_image
    if not (name or title or image):
        return None
    return Signature(name=name, title=title, image=_image_data_uri(image) if image else "")


def _image_data_uri(image) -> str:
    rendition = image.get_rendition(SIGNATURE_RENDITION)
    with rendition.file.open("rb") as file:
        content = base64.b64encode(file.read()).decode("ascii")
    return f"data:image/png;base64,{content}"


def _participant_context(registration):
    """What the letter and the certificate say about the participant, in the active language."""
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "name": registration.full_name,
        "name_ar": registration.full_name_ar,
        "organisation": registration.organisation_name,
        "issued_on": dateformat.format(timezone.localdate(), "j F Y"),
        "dates": event.when.dates,
        "address": event.address,
        "kind": event.get_kind_display(),
        "signature": signature(event),
    }


def invitation_letter_pdf(registration, *, language=None, request=None) -> bytes:
    """The visa invitation letter in `language` (default: the active one)."""
    language = language or translation.get_language()
    with translation.override(language):
        context = _participant_context(registration)
        context["nationality"] = country_name(registration.nationality)
        title = gettext("Invitation letter · %(workshop)s") % {"workshop": registration.event.title}
    return render_to_pdf(
        "events/pdf/invitation_letter.html",
        context,
        title=title,
        language=language,
        request=request,
    )


def invitation_letter_filename(registration, language) -> str:
    return f"{_stem(registration.event)}-invitation-letter-{language}.pdf"


def certificate_pdf(registration, *, language=None, request=None) -> bytes:
    """The attendance certificate in `language` (default: the active one)."""
    language = language or translation.get_language()
    with translation.override(language):
        context = _participant_context(registration)
        # Sorted here rather than by the database, so that a batch's prefetched days serve.
        context["days"] = [
            dateformat.format(day, "l j F Y")
            for day in sorted(attendance.day for attendance in registration.attendances.all())
        ]
        title = gettext("Certificate of attendance · %(workshop)s") % {
            "workshop": registration.event.title
        }
    return render_to_pdf(
        "events/pdf/certificate.html", context, title=title, language=language, request=request
    )


def certificate_filename(registration, language) -> str:
    return f"{_stem(registration.event)}-certificate-{language}.pdf"


def certificates_title(event, language) -> str:
    with translation.override(language):
        return gettext("Certificates of attendance · %(workshop)s") % {"workshop": event.title}


def certificates_pdf(registrations, *, event, language=None, progress=None) -> bytes:
    """Each registration's certificate in its participant's language, in the given order, in
    one document in `language` (the staff print them all to hand them out).

    `registrations` should come with `select_related("organisation")` and their attendances
    prefetched. Each certificate is a document of its own (its language sets its direction),
    so `progress(done)` is called after each one.
    """
    language = language or translation.get_language()
    parts = []
    for registration in registrations:
        registration.event = event
        parts.append(certificate_pdf(registration, language=registration.preferred_language))
        if progress is not None:
            progress(len(parts))
    return pdf.join(parts, title=certificates_title(event, language), language=language)


def certificates_filename(event) -> str:
    return f"{_stem(event)}-certificates.pdf"
