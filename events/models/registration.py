"""Who registered for a workshop, who was invited, and who came on which day.

The rules that move a registration between statuses (seats, quotas, the waiting list) live in
events/registration.py; these models only hold the data. A registration keeps a copy of what
the participant declared (name, organisation, constituency…), because a badge, a certificate and
the balance report must say what was true at the workshop, whatever the registry says later.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Constituency, Organisation, Person

from .pages import EventPage


def new_token():
    """A secret for a link sent by email (manage link, invitation, check-in): 256 random bits."""
    return secrets.token_urlsafe(32)


# A registration naming an organisation the participant typed in, not one of the registry.
PROPOSED_ORGANISATION = models.Q(organisation__isnull=True) & ~models.Q(proposed_organisation="")
# Its constituency is only what the participant declared: outside the constituency quotas until
# staff confirm it (events/registration.py).
CONSTITUENCY_TO_CONFIRM = PROPOSED_ORGANISATION & models.Q(constituency_confirmed=False)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """The registrations that hold or wait for a seat."""
        return self.filter(status__in=Registration.ACTIVE)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Not accepted")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    # Who the participant is and what they need, as they declare it (besides their email):
    # the registration form, the staff's forms and the staff's view list these, in this order.
    DECLARED_FIELDS = [
        "first_name",
        "last_name",
        "first_name_ar",
        "last_name_ar",
        "phone",
        "organisation",
        "proposed_organisation",
        "constituency",
        "position",
        "gender",
        "country",
        "nationality",
        "preferred_language",
        "interpretation",
        "accessibility_needs",
        "dietary_needs",
    ]

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other or prefers not to say")

    class Interpretation(models.TextChoices):
        NONE = "", _("No interpretation needed")
        ARABIC = "ar", _("Into Arabic")
        FRENCH = "fr", _("Into French")
        ENGLISH = "en", _("Into English")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    # What the participant declared.
    first_name = models.CharField(_("first name (Latin script)"), max_length=100)
    last_name = models.CharField(_("last name (Latin script)"), max_length=100)
    first_name_ar = models.CharField(_("first name (Arabic script)"), max_length=100, blank=True)
    last_name_ar = models.CharField(_("last name (Arabic script)"), max_length=100, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    proposed_organisation = models.CharField(
        _("organisation not in the registry"),
        max_length=255,
        blank=True,
        help_text=_("Staff review it and add it to the registry."),
    )
    # For an organisation of the registry, the organisation's (events/registration.py).
    constituency = models.CharField(_("constituency"), max_length=20, choices=Constituency.choices)
    constituency_confirmed = models.BooleanField(
        _("constituency confirmed by staff"),
        default=False,
        help_text=_(
            "For an organisation not in the registry: until staff confirm the constituency "
            "declared, the registration does not count against that constituency's quota."
        ),
    )
    position = models.CharField(_("position"), max_length=255)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO code"))
    nationality = models.CharField(_("nationality"), max_length=2, help_text=_("ISO code"))
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES
    )
    interpretation = models.CharField(
        _("interpretation"), max_length=2, choices=Interpretation.choices, blank=True
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    wants_invitation_letter = models.BooleanField(_("visa invitation letter"), default=False)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    accepts_privacy_notice = models.BooleanField(_("accepts the privacy notice"), default=False)
    consents_to_listing = models.BooleanField(
        _("agrees to be listed among the participants"), default=False
    )
    consents_to_photos = models.BooleanField(_("agrees to be photographed"), default=False)
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The badge's QR code carries this one, never `token`: a badge seen by others must not
    # open the participant's manage link.
    check_in_code = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invitation = models.OneToOneField(
        "Invitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # Arrival order: the waiting list is served by it.
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_user",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.full_name} — {self.event}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name_ar(self):
        return f"{self.first_name_ar} {self.last_name_ar}".strip()

    @property
    def organisation_name(self):
        return str(self.organisation) if self.organisation_id else self.proposed_organisation

    @property
    def constituency_to_confirm(self):
        """CONSTITUENCY_TO_CONFIRM, for this registration."""
        return (
            self.organisation_id is None
            and bool(self.proposed_organisation)
            and not self.constituency_confirmed
        )

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class Invitation(models.Model):
    """A personal invitation to an invitation-only workshop: its link works for this email only."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    person = models.ForeignKey(
        Person,
        verbose_name=_("person in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_invitation_per_email")
        ]

    def __str__(self):
        return f"{self.email} — {self.event}"


class Attendance(models.Model):
    """A participant was there on that day of the workshop."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "checked_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="one_check_in_a_day")
        ]

    def __str__(self):
        return f"{self.registration} — {self.day}"
