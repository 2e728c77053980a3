"""A protocol's life: what may change it, when, and the audit log that records every change.

Status moves only along `TRANSITIONS`: draft → open for signature → signed → in force → expired
or terminated. "Signed" is never asked for: the signature that completes the protocol sets it
(`complete_if_signed`). One more move exists, open → draft, while nobody has signed, so that a
text found wrong after opening can be corrected instead of leaving the protocol stuck.

Every change appends a row to the protocol's audit log (`log_event`). The log is a hash chain
per protocol: each row's hash covers the previous row's hash and the row's own content, so
changing, removing or inserting a row breaks the chain from that row on (`verify_chain`). The
chain is per protocol because the protocol row is then the natural lock for appending to it
(every change of a protocol already locks that row), a protocol's log is verified and shown on
its own, and unrelated protocols never wait for one another.

A chain alone does not show rows removed from its end. So the protocol row keeps the log's
head, written in the transaction that appends: the number of events, the last one's hash, and
a seal over both. The hashes and the seal are HMACs under AMEM_AUDIT_KEY (by default derived
from SECRET_KEY): whoever can only write to the database can neither rehash a changed log nor
move the anchor back. Someone who also holds the key, or who puts back an anchor copied
earlier, is exposed by the heads the signatories hold (the certificate, the email of the
signature: `held_head_problem`). `manage.py verify_audit_logs` checks every log daily.

Every function that changes a protocol locks its row first (`select_for_update`): two
concurrent transitions, or a transition and a signature, run one after the other, and the
second sees what the first did.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .models import Party, Protocol, ProtocolEvent, ProtocolText, Signatory, Signature

Status = Protocol.Status

# What the first row of a chain names as its previous hash.
GENESIS = "0" * 64

# The moves a person may ask for. OPEN → SIGNED is not one: the last signature makes it.
TRANSITIONS = {
    Status.DRAFT: (Status.OPEN,),
    Status.OPEN: (Status.DRAFT,),
    Status.SIGNED: (Status.IN_FORCE,),
    Status.IN_FORCE: (Status.EXPIRED, Status.TERMINATED),
}

# From when a signature certificate exists.
CERTIFIED_STATUSES = (Status.SIGNED, Status.IN_FORCE, Status.EXPIRED, Status.TERMINATED)


class Action(models.TextChoices):
    """What an audit-log row records."""

    CREATED = "created", _("Protocol created")
    UPDATED = "updated", _("Protocol details changed")
    TEXT_ADDED = "text_added", _("Text added")
    TEXT_REMOVED = "text_removed", _("Text removed")
    PARTY_ADDED = "party_added", _("Party added")
    PARTY_REMOVED = "party_removed", _("Party removed")
    SIGNATORY_ADDED = "signatory_added", _("Signatory designated")
    SIGNATORY_REMOVED = "signatory_removed", _("Signatory removed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    SIGNATURE = "signature", _("Signature recorded")


class ProtocolError(Exception):
    """A change the protocol's state does not allow. `messages` are translated, for the user."""

    def __init__(self, *messages):
        super().__init__(" ".join(str(message) for message in messages))
        self.messages = [str(message) for message in messages]


# ---------------------------------------------------------------- The audit log


def canonical_json(value) -> bytes:
    """The one byte form of a JSON value that the hashes are computed over."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _as_json(data):
    """`data` as the database will give it back (dates and decimals become strings)."""
    return json.loads(json.dumps(data or {}, default=str))


def _iso(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _mac(purpose, message: bytes) -> str:
    """HMAC-SHA256 (hex) of `message` under the audit key, a distinct key for each purpose."""
    return salted_hmac(
        f"stakeholders.audit-log.{purpose}",
        message,
        secret=settings.AMEM_AUDIT_KEY or settings.SECRET_KEY,
        algorithm="sha256",
    ).hexdigest()


def event_hash(*, previous_hash, protocol_id, at, actor_id, action, data) -> str:
    """HMAC-SHA256 (hex) over the canonical JSON of a row's content and its predecessor's hash.

    Keyed, so that someone who can write to the database but does not hold the key cannot
    recompute the hashes of a changed log.
    """
    payload = {
        "previous_hash": previous_hash,
        "protocol": protocol_id,
        "at": _iso(at),
        "actor": actor_id,
        "action": action,
        "data": data,
    }
    return _mac("event", canonical_json(payload))


def anchor_seal(protocol_id, count, head) -> str:
    """The keyed seal of a protocol's anchor: without the key, no one can move the anchor back
    to an earlier row of the log (and remove the rows after it) unseen."""
    return _mac("anchor", canonical_json({"protocol": protocol_id, "count": count, "head": head}))


def _lock(protocol) -> Protocol:
    """The protocol's row, locked until the end of the transaction, as it is now."""
    return Protocol.objects.select_for_update().get(pk=protocol.pk)


def log_event(protocol, action, *, actor=None, data=None) -> ProtocolEvent:
    """Appends a row to the protocol's audit log, in the caller's transaction, and moves the
    protocol's anchor (count, head, seal) to it in the same transaction.

    The protocol row is the chain's lock: whoever appends holds it until commit, so two appends
    never read the same head and the chain cannot fork (the first row of a chain, which has no
    tail to lock, is covered too). The new row follows the anchor's head, not the table's last
    row: rows removed from the end stay visible as a link that does not match. An anchor whose
    seal is wrong is never sealed again, so that appending cannot launder a change of it.
    """
    with transaction.atomic():
        count, head, seal = (
            Protocol.objects.select_for_update()
            .values_list(*Protocol.AUDIT_FIELDS)
            .get(pk=protocol.pk)
        )
        previous_hash = head or GENESIS
        # A new protocol's anchor has no seal yet; its creation is its first event.
        intact = seal == anchor_seal(protocol.pk, count, previous_hash) or (
            action == Action.CREATED and count == 0 and not seal
        )
        at = timezone.now()
        actor_id = actor.pk if actor is not None else None
        data = _as_json(data)
        digest = event_hash(
            previous_hash=previous_hash,
            protocol_id=protocol.pk,
            at=at,
            actor_id=actor_id,
            action=str(action),
            data=data,
        )
        event = ProtocolEvent.objects.create(
            protocol_id=protocol.pk,
            at=at,
            actor_id=actor_id,
            action=str(action),
            data=data,
            previous_hash=previous_hash,
            hash=digest,
        )
        anchor = {
            "audit_count": count + 1,
            "audit_head": digest,
            "audit_seal": anchor_seal(protocol.pk, count + 1, digest) if intact else "",
        }
        Protocol.objects.filter(pk=protocol.pk).update(**anchor)
        for name, value in anchor.items():
            setattr(protocol, name, value)
        return event


@dataclass(frozen=True)
class ChainReport:
    """The result of recomputing one protocol's chain and comparing it with its anchor.

    `count` and `head`: the intact rows from the start and the last one's hash. `reason`: the
    first problem found, empty when there is none; `broken` and `position` (from 1): its row,
    when the problem is a row's.
    """

    protocol: Protocol
    count: int
    head: str
    broken: ProtocolEvent | None = None
    position: int | None = None
    reason: str = ""

    @property
    def ok(self):
        return self.reason == ""

    @property
    def short_head(self):
        return short_hash(self.head)

    def describe(self) -> str:
        """One line for the daily check and the staff's email: the protocol and its problem."""
        reference = self.protocol.reference
        if self.ok:
            return str(
                _("%(protocol)s: OK, %(count)s events, last hash %(head)s")
                % {"protocol": reference, "count": self.count, "head": self.head}
            )
        if self.broken is None:
            return f"{reference}: {self.reason}"
        return str(
            _("%(protocol)s: broken at row %(row)s (#%(position)s): %(reason)s")
            % {
                "protocol": reference,
                "row": self.broken.pk,
                "position": self.position,
                "reason": self.reason,
            }
        )


def _percent(message, values):
    """`message % values`, translated when it is shown (each staff member's email is in their
    own language)."""
    return lazy(lambda: str(message) % values, str)()


def short_hash(value) -> str:
    """The first 16 hexadecimal digits of a hash: enough to compare by eye."""
    return f"{value[:16]}…"


def verify_chain(protocol) -> ChainReport:
    """Recomputes the protocol's chain in order and compares its end with the protocol's anchor;
    reports the first problem: a row that does not match, rows missing or added at the end, or
    an anchor changed outside the application. The admin's pages, the certificate and
    `manage.py verify_audit_logs` all verify through this."""
    anchor_count, anchor_head, seal = Protocol.objects.values_list(*Protocol.AUDIT_FIELDS).get(
        pk=protocol.pk
    )
    previous_hash = GENESIS
    count = 0
    for event in ProtocolEvent.objects.filter(protocol_id=protocol.pk).order_by("pk").iterator():
        if event.previous_hash != previous_hash:
            reason = _("Its link to the previous row does not match: a row was changed or removed.")
            return ChainReport(protocol, count, previous_hash, event, count + 1, reason)
        expected = event_hash(
            previous_hash=event.previous_hash,
            protocol_id=event.protocol_id,
            at=event.at,
            actor_id=event.actor_id,
            action=event.action,
            data=event.data,
        )
        if event.hash != expected:
            reason = _("Its stored hash does not match its content: the row was changed.")
            return ChainReport(protocol, count, previous_hash, event, count + 1, reason)
        previous_hash = event.hash
        count += 1
    numbers = {"count": count, "anchor": anchor_count}
    if count < anchor_count:
        reason = _percent(
            _(
                "Rows missing after #%(count)s: the anchor says %(anchor)s events, "
                "the table has %(count)s."
            ),
            numbers,
        )
    elif count > anchor_count:
        reason = _percent(
            _(
                "Rows after #%(anchor)s that the anchor does not cover: the anchor says "
                "%(anchor)s events, the table has %(count)s."
            ),
            numbers,
        )
    elif previous_hash != (anchor_head or GENESIS):
        reason = _percent(
            _("The hash of row #%(count)s does not match the anchor's: the log was rewritten."),
            numbers,
        )
    elif seal != anchor_seal(protocol.pk, anchor_count, previous_hash):
        reason = _(
            "The anchor's seal does not match: the anchor was changed outside the application."
        )
    else:
        return ChainReport(protocol, count, previous_hash)
    return ChainReport(protocol, count, previous_hash, reason=reason)


def verify_all_chains() -> list[ChainReport]:
    return [verify_chain(protocol) for protocol in Protocol.objects.order_by("pk")]


def held_head_problem(protocol, count, head) -> str:
    """What is wrong with the log against a head a signatory holds (from their certificate or
    their email): "" when row #count still has that hash. Someone holding the key who rewrote
    the log and its anchor is seen only this way."""
    hashes = list(
        ProtocolEvent.objects.filter(protocol_id=protocol.pk)
        .order_by("pk")
        .values_list("hash", flat=True)[max(count - 1, 0) : count]
    )
    if count < 1 or not hashes:
        return str(_("The log has no row #%(count)s any more.") % {"count": count})
    if hashes[0] != head:
        return str(
            _("Row #%(count)s no longer has the hash the signatories were given.")
            % {"count": count}
        )
    return ""


# ---------------------------------------------------------------- Texts and their hashes


def document_sha256(document) -> str:
    """SHA-256 (hex) of the document's bytes as stored now, read afresh from the storage."""
    digest = hashlib.sha256()
    with document.file.storage.open(document.file.name, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- Drafting


def _lock_draft(protocol) -> Protocol:
    locked = _lock(protocol)
    if locked.status != Status.DRAFT:
        raise ProtocolError(_("Only a draft protocol's texts, parties and signatories can change."))
    return locked


@transaction.atomic
def record_created(protocol, *, actor) -> ProtocolEvent:
    """The first row of a new protocol's log (the admin's create view saves the protocol)."""
    return log_event(
        protocol,
        Action.CREATED,
        actor=actor,
        data={
            "reference": protocol.reference,
            "kind": protocol.kind,
            "title": {
                code: getattr(protocol, f"title_{code}") or "" for code in ("fr", "ar", "en")
            },
        },
    )


@transaction.atomic
def create_protocol(*, actor, **fields) -> Protocol:
    protocol = Protocol.objects.create(**fields)
    record_created(protocol, actor=actor)
    return protocol


@transaction.atomic
def record_updated(protocol, changed: dict, *, actor):
    """Logs the new values of the fields an editor changed; nothing when nothing changed."""
    if not changed:
        return None
    _lock(protocol)
    return log_event(protocol, Action.UPDATED, actor=actor, data={"changed": changed})


@transaction.atomic
def add_text(protocol, *, language, document, actor) -> ProtocolText:
    """Adds the text in `language`, hashing the document's bytes as they are now."""
    locked = _lock_draft(protocol)
    if locked.texts.filter(language=language).exists():
        raise ProtocolError(
            _("This protocol already has a text in this language: remove it first.")
        )
    digest = document_sha256(document)
    text = ProtocolText.objects.create(
        protocol=locked, language=language, document=document, sha256=digest
    )
    log_event(
        locked,
        Action.TEXT_ADDED,
        actor=actor,
        data={
            "text": text.pk,
            "language": language,
            "document": document.pk,
            "file": document.file.name,
            "sha256": digest,
        },
    )
    return text


@transaction.atomic
def remove_text(text, *, actor):
    locked = _lock_draft(text.protocol)
    data = {"text": text.pk, "language": text.language, "sha256": text.sha256}
    ProtocolText.objects.filter(pk=text.pk).delete()
    log_event(locked, Action.TEXT_REMOVED, actor=actor, data=data)


@transaction.atomic
def add_party(protocol, *, organisation, role=Party.Role.PARTY, actor) -> Party:
    locked = _lock_draft(protocol)
    if locked.parties.filter(organisation=organisation).exists():
        raise ProtocolError(_("This organisation is already a party to the protocol."))
    order = (locked.parties.aggregate(last=Max("sort_order"))["last"] or 0) + 1
    party = Party.objects.create(
        protocol=locked, organisation=organisation, role=role, sort_order=order
    )
    log_event(
        locked,
        Action.PARTY_ADDED,
        actor=actor,
        data={
            "party": party.pk,
            "organisation": organisation.pk,
            "name": organisation.name_fr,
            "role": role,
        },
    )
    return party


@transaction.atomic
def remove_party(party, *, actor):
    locked = _lock_draft(party.protocol)
    data = {"party": party.pk, "organisation": party.organisation_id}
    Party.objects.filter(pk=party.pk).delete()  # its signatories go with it
    log_event(locked, Action.PARTY_REMOVED, actor=actor, data=data)


@transaction.atomic
def add_signatory(party, *, person, title="", actor) -> Signatory:
    locked = _lock_draft(party.protocol)
    if party.signatories.filter(person=person).exists():
        raise ProtocolError(_("This person already signs for this party."))
    signatory = Signatory.objects.create(party=party, person=person, title=title)
    log_event(
        locked,
        Action.SIGNATORY_ADDED,
        actor=actor,
        data={
            "signatory": signatory.pk,
            "party": party.pk,
            "person": person.pk,
            "name": str(person),
            "name_ar": person.name_ar,
            "title": title,
        },
    )
    return signatory


@transaction.atomic
def remove_signatory(signatory, *, actor):
    locked = _lock_draft(signatory.party.protocol)
    data = {"signatory": signatory.pk, "person": signatory.person_id}
    Signatory.objects.filter(pk=signatory.pk).delete()
    log_event(locked, Action.SIGNATORY_REMOVED, actor=actor, data=data)


# ---------------------------------------------------------------- Status


def opening_problems(protocol) -> list[str]:
    """Why the protocol cannot be opened for signature yet; empty when it can."""
    problems = []
    parties = list(
        protocol.parties.select_related("organisation").annotate(count=Count("signatories"))
    )
    if not any(party.role == Party.Role.PARTY for party in parties):
        problems.append(_("Add at least one party."))
    if not any(party.count for party in parties):
        problems.append(_("Designate at least one signatory."))
    for party in parties:
        if party.role == Party.Role.PARTY and not party.count and any(p.count for p in parties):
            problems.append(
                _("Designate a signatory for %(organisation)s.")
                % {"organisation": party.organisation}
            )
    texts = list(protocol.texts.select_related("document"))
    if not any(text.language == "fr" for text in texts):
        problems.append(_("Add the French text."))
    for text in texts:
        if document_sha256(text.document) != text.sha256:
            problems.append(
                _("The file of the %(language)s text changed after it was added: add it again.")
                % {"language": text.get_language_display()}
            )
    return [str(problem) for problem in problems]


def allowed_transitions(protocol) -> tuple[str, ...]:
    """The statuses a person may move the protocol to now (as far as its status goes)."""
    return TRANSITIONS.get(protocol.status, ())


def _set(protocol, **values):
    # A queryset update writes only these columns: saving the whole instance would let
    # modeltranslation rewrite the title from the active language.
    Protocol.objects.filter(pk=protocol.pk).update(**values)
    for name, value in values.items():
        setattr(protocol, name, value)


@transaction.atomic
def transition(protocol, status, *, actor, on=None, note="") -> Protocol:
    """Moves the protocol to `status` if that is allowed now; returns it, updated.

    `on` is the date of entry into force, of expiry or of termination (today by default).
    """
    locked = _lock(protocol)
    current = locked.status
    if status not in allowed_transitions(locked):
        raise ProtocolError(
            _("A protocol that is “%(current)s” cannot become “%(target)s”.")
            % {"current": locked.get_status_display(), "target": Status(status).label}
        )
    on = on or timezone.localdate()
    values = {"status": status}
    data = {"from": current, "to": status}
    if status == Status.OPEN:
        problems = opening_problems(locked)
        if problems:
            raise ProtocolError(*problems)
    elif status == Status.DRAFT:
        if Signature.objects.filter(signatory__party__protocol=locked).exists():
            raise ProtocolError(_("Someone has already signed: the protocol stays open."))
    elif status == Status.IN_FORCE:
        if locked.signed_on and on < locked.signed_on:
            raise ProtocolError(_("A protocol cannot enter into force before it was signed."))
        values["entry_into_force"] = data["on"] = on
    elif status == Status.EXPIRED:
        values["expiry"] = data["on"] = on
    elif status == Status.TERMINATED:
        data["on"] = on
    if note:
        data["note"] = note
    _set(locked, **values)
    log_event(locked, Action.STATUS_CHANGED, actor=actor, data=data)
    return locked


def complete_if_signed(protocol, *, actor) -> bool:
    """Marks an open protocol signed once every signatory of every party has signed.

    Called in the transaction that records a signature, with the protocol row locked. The
    protocol is signed on the local date of its last signature.
    """
    if protocol.status != Status.OPEN:
        return False
    signatories = Signatory.objects.filter(party__protocol=protocol)
    if not signatories.exists() or signatories.filter(signature__isnull=True).exists():
        return False
    last = Signature.objects.filter(signatory__party__protocol=protocol).aggregate(
        last=Max("signed_at")
    )["last"]
    signed_on = timezone.localtime(last).date()
    _set(protocol, status=Status.SIGNED, signed_on=signed_on)
    log_event(
        protocol,
        Action.STATUS_CHANGED,
        actor=actor,
        data={"from": Status.OPEN, "to": Status.SIGNED, "signed_on": signed_on, "automatic": True},
    )
    return True
