"""Signatures: a signatory signs in the platform, or staff record a wet-ink signature.

Either way a signature records when, where and how, and the SHA-256 of the exact text signed,
recomputed from the document's bytes at that moment: a text whose file no longer matches the
hash taken when it was added is refused. A signatory signs once: the protocol and signatory rows
are locked while a signature is made, and the database's unique constraint backs that up. The
signature that completes a protocol makes it signed (`protocols.complete_if_signed`).

The signature certificate (`certificate_response`) is a PDF of its own, apart from the signed
text: parties, signatories, times, places, addresses and hashes, and the head of the protocol's
audit log (its number of events and the last one's hash). When a protocol becomes signed, each
signatory is emailed that head too (`send_signed_notice`): what the signatories hold shows a
later rewrite of the log, even one that rewrote the protocol's own anchor with it.
"""

import ipaddress
import time
from email.utils import formataddr

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from documents.tasks_recovery import send_once
from home.time_zones import zone_name

from .models import Affiliation, Party, Protocol, Signatory, Signature
from .protocols import (
    CERTIFIED_STATUSES,
    Action,
    ProtocolError,
    complete_if_signed,
    document_sha256,
    log_event,
    short_hash,
    verify_chain,
)

Status = Protocol.Status
USER_AGENT_MAX_LENGTH = 1000


class SigningError(ProtocolError):
    """A signature that cannot be made; `messages` are translated, for the signatory."""


# ---------------------------------------------------------------- Who signs, and from where


PROTOCOL_PERMISSIONS = ("stakeholders.view_protocol", "stakeholders.change_protocol")


def is_protocol_staff(user) -> bool:
    """Staff who run protocols: those the admin lets see them (a page editor is not)."""
    return user.is_authenticated and any(user.has_perm(name) for name in PROTOCOL_PERMISSIONS)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def recently_reauthenticated(request) -> bool:
    """Whether the user confirmed their second factor (TOTP or a recovery code) within allauth's
    reauthentication window (ACCOUNT_REAUTHENTICATION_TIMEOUT seconds).

    A password alone is not enough to sign, nor is the login itself: allauth records a
    reauthentication separately, and a signature asks for a fresh one.
    """
    records = get_authentication_records(request, request.user)
    times = [
        record.get("at", 0)
        for record in records
        if record.get("method") == "mfa" and record.get("reauthenticated")
    ]
    return bool(times) and time.time() - max(times) < account_settings.REAUTHENTICATION_TIMEOUT


def client_ip(request) -> str | None:
    """The address the request came from.

    REMOTE_ADDR by default. Behind N trusted reverse proxies (AMEM_TRUSTED_PROXIES = N), the
    N-th address from the right of X-Forwarded-For: the one our outermost proxy saw connect.
    The addresses left of it were written by the client and prove nothing.
    """
    trusted = settings.AMEM_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted and _is_ip(hops[-trusted]):
            return hops[-trusted]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_ip(remote) else None


# IPv6 hands a whole /64 to one subscriber: its addresses count as one, as in allauth.
IPV6_PREFIX = 64


def client_address(request) -> str | None:
    """Who a rate limit counts a request against (amem/ratelimit.py, the login throttling of
    stakeholders/adapters.py): `client_ip`, an IPv6 address as its /64."""
    ip = client_ip(request)
    if ip is None:
        return None
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return ip


def _is_ip(value) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def visible_protocols(user):
    """The protocols whose texts and certificate the user may see: all for protocol staff; else
    those, past the draft, that the user signs for or whose party the user is a focal point of.
    """
    if is_protocol_staff(user):
        return Protocol.objects.all()
    if not user.is_authenticated:
        return Protocol.objects.none()
    focal_points = (
        Affiliation.objects.current()
        .filter(person__user=user, is_focal_point=True)
        .values("organisation")
    )
    concerned = Protocol.objects.filter(
        Q(parties__signatories__person__user=user) | Q(parties__organisation__in=focal_points)
    )
    return Protocol.objects.filter(pk__in=concerned.values("pk")).exclude(status=Status.DRAFT)


def designations(user):
    """The user's designations as a signatory, on protocols past the draft."""
    return (
        Signatory.objects.filter(person__user=user)
        .exclude(party__protocol__status=Status.DRAFT)
        .select_related("party__protocol", "party__organisation", "person", "signature")
        .order_by("-party__protocol__created_at", "pk")
    )


# ---------------------------------------------------------------- Signing


def _text_to_sign(protocol, language):
    text = protocol.texts.select_related("document").filter(language=language).first()
    if text is None:
        raise SigningError(_("This protocol has no text in that language."))
    digest = document_sha256(text.document)
    if digest != text.sha256:
        raise SigningError(
            _(
                "The file of this text has changed since it was added to the protocol: it "
                "cannot be signed. Please tell the project team."
            )
        )
    return text, digest


def _lock(signatory):
    """The protocol and the signatory, locked in that order (as every change of a protocol
    locks the protocol first, no two transactions wait for each other in a circle)."""
    protocol_id = Party.objects.values_list("protocol_id", flat=True).get(pk=signatory.party_id)
    protocol = Protocol.objects.select_for_update().get(pk=protocol_id)
    locked = Signatory.objects.select_for_update().select_related("person").get(pk=signatory.pk)
    if protocol.status != Status.OPEN:
        raise SigningError(_("This protocol is not open for signature."))
    if Signature.objects.filter(signatory=locked).exists():
        raise SigningError(_("This signature has already been recorded."))
    return protocol, locked


def _record(protocol, signature, *, actor, scan_sha256=None):
    data = {
        "signature": signature.pk,
        "signatory": signature.signatory_id,
        "person": signature.signatory.person_id,
        "name": str(signature.signatory.person),
        "name_ar": signature.signatory.person.name_ar,
        "method": signature.method,
        "signed_at": signature.signed_at.isoformat(),
        "place": signature.place,
        "language": signature.text.language,
        "text": signature.text_id,
        "text_sha256": signature.text_sha256,
        "ip_address": signature.ip_address,
        "user_agent": signature.user_agent,
    }
    if signature.scan_id:
        data.update(scan=signature.scan_id, scan_sha256=scan_sha256)
    log_event(protocol, Action.SIGNATURE, actor=actor, data=data)
    if complete_if_signed(protocol, actor=actor):
        # The head as the signature that completed the protocol left it, sent once committed.
        head = (protocol.pk, protocol.audit_count, protocol.audit_head)
        transaction.on_commit(lambda: notify_signed(*head))


def sign_in_platform(signatory, *, user, language, place, ip_address=None, agent=""):
    """The signatory's own signature, made now, of the protocol's text in `language`."""
    try:
        with transaction.atomic():
            protocol, locked = _lock(signatory)
            if locked.person.user_id is None or locked.person.user_id != user.pk:
                raise SigningError(_("Only the designated signatory can sign."))
            text, digest = _text_to_sign(protocol, language)
            signature = Signature.objects.create(
                signatory=locked,
                signed_at=timezone.now(),
                place=place,
                method=Signature.Method.PLATFORM,
                text=text,
                text_sha256=digest,
                ip_address=ip_address,
                user_agent=agent[:USER_AGENT_MAX_LENGTH],
                signed_by=user,
            )
            _record(protocol, signature, actor=user)
            return signature
    except IntegrityError as error:  # the unique signatory, should a lock ever be missed
        raise SigningError(_("This signature has already been recorded.")) from error


def record_wet_ink(signatory, *, recorded_by, signed_at, place, language, scan):
    """A signature made on paper, recorded by staff with a scan (a documents.Document)."""
    if signed_at > timezone.now():
        raise SigningError(_("A signature cannot be dated in the future."))
    try:
        with transaction.atomic():
            protocol, locked = _lock(signatory)
            text, digest = _text_to_sign(protocol, language)
            signature = Signature.objects.create(
                signatory=locked,
                signed_at=signed_at,
                place=place,
                method=Signature.Method.WET_INK,
                text=text,
                text_sha256=digest,
                recorded_by=recorded_by,
                scan=scan,
            )
            _record(protocol, signature, actor=recorded_by, scan_sha256=document_sha256(scan))
            return signature
    except IntegrityError as error:
        raise SigningError(_("This signature has already been recorded.")) from error


# ---------------------------------------------------------------- The email to the signatories


def signed_notice_message(signatory, count, head):
    """The email telling a signatory that the protocol is signed, with the audit log's head."""
    person = signatory.person
    protocol = signatory.party.protocol
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(person.email_language()):
        name = str(person)
        if translation.get_language() == "ar" and person.name_ar:
            name = person.name_ar
        # Printable characters only: a name can never add a line to the email's headers.
        name = " ".join("".join(ch for ch in name if ch.isprintable()).split())
        context = {
            "name": name,
            "protocol": protocol,
            "count": count,
            "head": head,
            "short_head": short_hash(head),
            # The certificate opens to an account only: without one, the email is what they hold.
            "certificate_url": (
                base + reverse("stakeholders:protocol_certificate", args=[protocol.pk])
                if person.user_id
                else ""
            ),
        }
        email = EmailMultiAlternatives(
            subject=str(_("AMEM: protocol %(reference)s is signed"))
            % {"reference": protocol.reference},
            body=render_to_string("stakeholders/protocols/email/signed.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[formataddr((name, person.email_address()))],
            headers={"Content-Language": translation.get_language()},
        )
        email.attach_alternative(
            render_to_string("stakeholders/protocols/email/signed.html", context), "text/html"
        )
    return email


@task()
def send_signed_notice(signatory_id, count, head, attempt=0):
    """Send one signatory the email of the protocol's signature (documents/tasks_recovery.py's
    `send_once`: kept queued while the mail server is down, never sent twice)."""
    signatory = (
        Signatory.objects.select_related("person__user", "party__protocol")
        .filter(pk=signatory_id)
        .first()
    )
    if signatory is None or not signatory.person.email_address():
        return "undeliverable"
    message = signed_notice_message(signatory, count, head)
    key = f"stakeholders:protocol-signed:{signatory_id}:{count}:{head}"
    return send_once(message, key, send_signed_notice, signatory_id, count, head, attempt=attempt)


def notify_signed(protocol_id, count, head):
    for signatory_id in Signatory.objects.filter(party__protocol_id=protocol_id).values_list(
        "pk", flat=True
    ):
        send_signed_notice.enqueue(signatory_id, count, head)


# ---------------------------------------------------------------- The certificate


def certificate_context(protocol):
    parties = list(
        Party.objects.filter(protocol=protocol)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "signatories",
                queryset=Signatory.objects.select_related(
                    "person", "signature__text", "signature__scan"
                ).order_by("pk"),
            )
        )
    )
    return {
        "protocol": protocol,
        "parties": parties,
        "texts": list(protocol.texts.order_by("language")),
        "chain": verify_chain(protocol),
        "issued_at": timezone.localtime(),
        "time_zone": zone_name(timezone.get_current_timezone_name()),
    }


def certificate_response(protocol, *, language, request=None, inline=False):
    """The signature certificate of a signed protocol, as a PDF in `language`."""
    # Imported here: WeasyPrint takes half a second to load and most requests never need it.
    from documents.pdf import pdf_response

    if protocol.status not in CERTIFIED_STATUSES:
        raise SigningError(_("A certificate exists once the protocol is signed."))
    with translation.override(language):
        title = str(_("Signature certificate"))
        return pdf_response(
            "stakeholders/pdf/certificate.html",
            certificate_context(protocol),
            title=f"{title} — {protocol.reference}",
            language=language,
            filename=f"{protocol.reference}-certificate-{language}.pdf",
            request=request,
            inline=inline,
        )
