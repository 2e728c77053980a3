"""Protocols (protocoles d'accord, MoUs), who signs them, and the audit log that proves it.

Signatures and audit-log rows are append-only: the models refuse to be changed or deleted,
and the logic that creates them lives in stakeholders/signing.py and stakeholders/protocols.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Organisation, Person


class Protocol(models.Model):
    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (protocole d'accord)")
        CONVENTION = "convention", _("Convention")
        FRAMEWORK_AGREEMENT = "framework_agreement", _("Framework agreement")
        WORKING_GROUP_TERMS = "working_group_terms", _("Working group terms of reference")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for signature")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    reference = models.CharField(_("reference"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.MOU)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    expiry = models.DateField(_("expiry"), null=True, blank=True)
    signing_ceremony = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("signing ceremony"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The audit log's head, kept outside its table: how many events it holds, the last one's
    # hash, and a keyed seal over both (stakeholders/protocols.py, `log_event` and
    # `verify_chain`), so that rows removed from the end of the log are seen.
    audit_count = models.PositiveIntegerField(_("audit log events"), default=0, editable=False)
    audit_head = models.CharField(
        _("hash of the last audit log event"), max_length=64, blank=True, editable=False
    )
    audit_seal = models.CharField(_("audit log seal"), max_length=64, blank=True, editable=False)

    # Written only by the audit log, in the transaction that appends an event.
    AUDIT_FIELDS = ("audit_count", "audit_head", "audit_seal")

    class Meta:
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def save(self, *args, **kwargs):
        # Saving an instance loaded before an event was appended (the admin's edit form) must
        # not put the log's head back to what it was then.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.AUDIT_FIELDS
            ]
        super().save(*args, **kwargs)


class ProtocolText(models.Model):
    """The text of a protocol in one language, as a document; its hash is what signatories sign."""

    protocol = models.ForeignKey(
        Protocol, verbose_name=_("protocol"), on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("protocol text")
        verbose_name_plural = _("protocol texts")
        constraints = [
            models.UniqueConstraint(fields=["protocol", "language"], name="one_text_per_language")
        ]

    def __str__(self):
        return f"{self.protocol.reference} ({self.language})"


class Party(models.Model):
    class Role(models.TextChoices):
        PARTY = "party", _("Party")
        WITNESS = "witness", _("Witness")
        FACILITATOR = "facilitator", _("Facilitator")

    protocol = models.ForeignKey(
        Protocol, verbose_name=_("protocol"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="protocol_parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["protocol", "organisation"], name="one_party_per_org")
        ]

    def __str__(self):
        return str(self.organisation)


class Signatory(models.Model):
    """The person designated to sign for a party."""

    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="signatories"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="signatories"
    )
    title = models.CharField(_("title or function"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(fields=["party", "person"], name="one_signatory_per_person")
        ]

    def __str__(self):
        return f"{self.person} ({self.party})"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise PermissionError(f"{self.model.__name__} rows are never deleted.")


class AppendOnlyModel(models.Model):
    """A row that is written once: saving it again or deleting it is refused."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} rows are never deleted.")


class Signature(AppendOnlyModel):
    class Method(models.TextChoices):
        PLATFORM = "platform", _("Signed in the platform")
        WET_INK = "wet_ink", _("Wet-ink signature recorded by staff")

    signatory = models.OneToOneField(
        Signatory, verbose_name=_("signatory"), on_delete=models.PROTECT, related_name="signature"
    )
    signed_at = models.DateTimeField(_("signed at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    text = models.ForeignKey(
        ProtocolText, verbose_name=_("text signed"), on_delete=models.PROTECT, related_name="+"
    )
    text_sha256 = models.CharField(_("SHA-256 of the text signed"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.TextField(_("user agent"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by (account)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by (staff)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scan = models.ForeignKey(
        "documents.Document",
        verbose_name=_("scan of the signed page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]

    def __str__(self):
        return f"{self.signatory} — {self.signed_at:%Y-%m-%d %H:%M}"


class ProtocolEvent(AppendOnlyModel):
    """One line of the audit log: each holds the hash of the previous one (a hash chain)."""

    protocol = models.ForeignKey(
        Protocol, verbose_name=_("protocol"), on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=50)
    data = models.JSONField(_("data"), default=dict)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("protocol event")
        verbose_name_plural = _("protocol events")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.protocol.reference}: {self.action} ({self.at:%Y-%m-%d %H:%M})"


class WorkingGroup(models.Model):
    """A working group a protocol creates, with its members and meetings."""

    protocol = models.OneToOneField(
        Protocol,
        verbose_name=_("protocol"),
        on_delete=models.CASCADE,
        related_name="working_group",
    )
    name = models.CharField(_("name"), max_length=255)
    mandate = models.TextField(_("mandate"), blank=True)
    meetings = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("meetings"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="working_groups"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_person")
        ]

    def __str__(self):
        return f"{self.person} — {self.group}"
