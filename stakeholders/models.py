from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.vocabulary import Scope


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account: the email address is the identifier (allauth logs in by email)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


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
    website = models.URLField(_("website"), blank=True)
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
