"""The project's shared words: its four countries and its three axes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """The four countries of the project, in the order the project names them."""

    LIBYA = "LY", _("Libya")
    MOROCCO = "MA", _("Morocco")
    MAURITANIA = "MR", _("Mauritania")
    TUNISIA = "TN", _("Tunisia")


# What a workshop, study or recommendation concerns: one of the countries, or the whole region.
Scope = models.TextChoices(
    "Scope",
    [(country.name, (country.value, country.label)) for country in Country]
    + [("REGIONAL", ("XM", _("Regional (Maghreb)")))],
)


class Axis(models.TextChoices):
    """The project's three specific objectives."""

    DATA = "data", _("Data")
    CAPACITY = "capacity", _("Capacities")
    GOVERNANCE = "governance", _("Governance")
