"""The demo registry: only the organisations the project's seed names, the ILO and AICS.

Each is found by its French acronym, a stable key: running the loader again creates nothing and
keeps what editors changed.
"""

from django.db import transaction

from home.demo import translated

from .models import Organisation

ILO = "OIT"
AICS = "AICS"

ORGANISATIONS = [
    {
        "kind": Organisation.Kind.INTERNATIONAL_ORGANISATION,
        "website": "https://www.ilo.org/",
        "text": {
            "name": {
                "fr": "Organisation internationale du Travail",
                "ar": "منظمة العمل الدولية",
                "en": "International Labour Organization",
            },
            "acronym": {"fr": ILO, "ar": "ILO", "en": "ILO"},
        },
    },
    {
        # The project's seed: "L’OIT et la Tunisie avec l’appui de l’AICS…".
        "kind": Organisation.Kind.DONOR,
        "website": "https://www.aics.gov.it/",
        "text": {
            "name": {
                "fr": "Agence italienne pour la coopération au développement",
                "ar": "الوكالة الإيطالية للتعاون الإنمائي",
                "en": "Italian Agency for Development Cooperation",
            },
            "acronym": {"fr": AICS, "ar": AICS, "en": AICS},
        },
    },
]


@transaction.atomic
def load():
    """Creates the organisations that are missing; returns how many it created."""
    created = 0
    for spec in ORGANISATIONS:
        acronym = spec["text"]["acronym"]["fr"]
        _organisation, was_created = Organisation.objects.get_or_create(
            acronym_fr=acronym,
            defaults={
                **translated(**spec["text"]),
                "kind": spec["kind"],
                "website": spec["website"],
            },
        )
        created += was_created
    return created


def organisation(acronym_fr):
    """A demo organisation by its French acronym (ILO or AICS), or None before `load()`."""
    return Organisation.objects.filter(acronym_fr=acronym_fr).first()
