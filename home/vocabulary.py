"""The project's shared words: its four countries and its three axes."""

import unicodedata
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.utils import translation
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


# Every other country, by ISO 3166 code: a participant's country or nationality. Names come from
# Babel's CLDR data in the active language, so they need no catalogue of our own.
# CLDR's two-letter groupings and placeholders that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


@lru_cache(maxsize=8)
def _territories(language):
    from babel import Locale

    names = Locale.parse(language or settings.LANGUAGE_CODE).territories
    return {
        code: name
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_choices():
    """(code, name) of every country, sorted by name in the active language."""
    return list(_sorted_territories(translation.get_language()))


@lru_cache(maxsize=8)
def _sorted_territories(language):
    # Sorted once a process and language: every registration form lists them twice.
    names = _territories(language)
    return tuple(sorted(names.items(), key=lambda item: strxfrm_key(item[1])))


def country_name(code, default=""):
    """The country's name in the active language; `default` when the code is unknown."""
    if not code:
        return default
    return _territories(translation.get_language()).get(code.upper(), default)


def strxfrm_key(text):
    """A sort key that ignores accents and case, so that "Égypte" sorts with the E."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
