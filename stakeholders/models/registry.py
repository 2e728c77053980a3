from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.vocabulary import Scope


class Constituency(models.TextChoices):
    """The tripartite constituencies, plus civil society and the international community."""

    GOVERNMENT = "government", _("Government")
    EMPLOYERS = "employers", _("Employers")
    WORKERS = "workers", _("Workers")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INTERNATIONAL = "international", _("International")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """An organisation of the registry: a ministry, a social partner, an agency, a donor…"""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        STATISTICS_INSTITUTE = "statistics_institute", _("Statistics institute")
        EMPLOYERS_ORGANISATION = "employers_organisation", _("Employers' organisation")
        WORKERS_ORGANISATION = "workers_organisation", _("Workers' organisation")
        ASSOCIATION = "association", _("Association / civil society organisation")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        ACADEMIC = "academic", _("Academic institution")
        DONOR = "donor", _("Donor")
        PRIVATE_SECTOR = "private_sector", _("Private sector")

    CONSTITUENCY_OF_KIND = {
        Kind.MINISTRY: Constituency.GOVERNMENT,
        Kind.PUBLIC_AGENCY: Constituency.GOVERNMENT,
        Kind.STATISTICS_INSTITUTE: Constituency.GOVERNMENT,
        Kind.EMPLOYERS_ORGANISATION: Constituency.EMPLOYERS,
        Kind.WORKERS_ORGANISATION: Constituency.WORKERS,
        Kind.ASSOCIATION: Constituency.CIVIL_SOCIETY,
        Kind.INTERNATIONAL_ORGANISATION: Constituency.INTERNATIONAL,
        Kind.DONOR: Constituency.INTERNATIONAL,
    }

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Scope.choices,
        blank=True,
        help_text=_("Empty for an organisation outside the four countries."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    is_public = models.BooleanField(
        _("listed publicly"), default=True, help_text=_("Shown in the public partners directory.")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def constituency(self):
        return self.CONSTITUENCY_OF_KIND.get(self.kind, Constituency.OTHER)


class Person(models.Model):
    """Someone of the registry, with their name in Latin and in Arabic script and their consents."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other or prefers not to say")

    first_name = models.CharField(_("first name (Latin script)"), max_length=100)
    last_name = models.CharField(_("last name (Latin script)"), max_length=100)
    first_name_ar = models.CharField(_("first name (Arabic script)"), max_length=100, blank=True)
    last_name_ar = models.CharField(_("last name (Arabic script)"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consents_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consents_to_contact_at = models.DateTimeField(
        _("contact consent given at"), null=True, blank=True
    )
    consents_to_listing = models.BooleanField(_("agrees to be listed publicly"), default=False)
    consents_to_listing_at = models.DateTimeField(
        _("listing consent given at"), null=True, blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="people", verbose_name=_("organisations")
    )

    # What a person's forms edit (the partner space, the import): consents are dated on save.
    EDITABLE_FIELDS = [
        "first_name",
        "last_name",
        "first_name_ar",
        "last_name_ar",
        "gender",
        "email",
        "phone",
        "consents_to_contact",
        "consents_to_listing",
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        # A consent is dated when it is given, and forgets its date when it is withdrawn.
        now = timezone.now()
        for field in ("consents_to_contact", "consents_to_listing"):
            given = getattr(self, field)
            if given and not getattr(self, f"{field}_at"):
                setattr(self, f"{field}_at", now)
            elif not given:
                setattr(self, f"{field}_at", None)
        super().save(*args, **kwargs)

    @property
    def name_ar(self):
        return f"{self.first_name_ar} {self.last_name_ar}".strip()

    @property
    def display_name(self):
        """The name in the active language's script: in Arabic, the Arabic one if recorded."""
        return (translation.get_language_bidi() and self.name_ar) or str(self)

    def email_language(self):
        """The language of the emails they receive: their account's; French without one."""
        return (self.user.preferred_language if self.user else "") or settings.LANGUAGE_CODE

    def email_address(self):
        """Where their emails go: their own address, else their account's; "" if neither is
        valid (recommendation reminders, the protocol's signature notice)."""
        for address in (self.email, self.user.email if self.user else ""):
            try:
                validate_email(address)
            except ValidationError:
                continue
            return address
        return ""


class AffiliationQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gte=on))


class Affiliation(models.Model):
    """A person's position in an organisation; a focal point answers for it in the partner space."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_focal_point = models.BooleanField(_("focal point"), default=False)
    is_signatory = models.BooleanField(_("may sign for the organisation"), default=False)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organisation", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "position"], name="unique_affiliation"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.organisation}"
