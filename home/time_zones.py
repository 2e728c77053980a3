"""What a time zone is called where people read it: "heure de Tunis", «بتوقيت تونس», "Tunis time".

Visitors, participants and signatories read the venue's city, never an IANA identifier such as
"Africa/Tunis" (that stays in the data, the <time datetime> offsets and the .ics TZID). Each zone
the site offers has one whole phrase in the catalogues rather than a city slotted into a pattern:
French says "heure du Caire" and "heure d’Abidjan", and Babel's CLDR names read "heure : Tunisie",
name Zurich for Geneva and Casablanca for Rabat.
"""

from babel.dates import get_timezone_location
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

ZONE_NAMES = {
    "Africa/Tunis": _("Tunis time"),
    "Africa/Casablanca": _("Rabat time"),
    "Africa/Nouakchott": _("Nouakchott time"),
    "Africa/Tripoli": _("Tripoli time"),
    "Africa/Cairo": _("Cairo time"),
    "Africa/Dakar": _("Dakar time"),
    "Africa/Abidjan": _("Abidjan time"),
    "Europe/Paris": _("Paris time"),
    "Europe/Rome": _("Rome time"),
    "Europe/Brussels": _("Brussels time"),
    "Europe/Madrid": _("Madrid time"),
    "Europe/Zurich": _("Geneva time"),
    "UTC": "UTC",
}


def zone_name(tzid: str) -> str:
    """The zone's name in the active language.

    A zone not listed (a TIME_ZONE setting other than the site's) gets CLDR's ("Egypt Time").
    """
    name = ZONE_NAMES.get(tzid)
    if name is not None:
        return str(name)
    return get_timezone_location(tzid, locale=to_locale(get_language() or "fr"))
