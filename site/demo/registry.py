"""The demo registry: the project's partners in the four countries, a few people, a focal point,
and the partners directory and protocols index pages. Their words are in data/organisations.json
and people.json (the protocols index page's in protocols.json).

Organisations: the ILO and AICS (named by the seed), and for each of Libya, Morocco, Mauritania and
Tunisia the partners the seed lists (the ministries in charge of labour and employment, of foreign
affairs and migration, of social affairs; the statistics institute; the main employers' and
workers' organisations; an association). Names are the institutions' official ones where they are
well established; where they are not (Libya's two governments, ministries renamed often,
organisations not yet confirmed), a descriptive name says what the organisation is, "Ministère en
charge du travail (Libye)", and those not confirmed are kept out of the public directory.

People are fictional (their family names say so: Exemple, Démo, Essai, Modèle), some consenting
to be listed publicly and some not; Leïla Exemple, focal point of Tunisia's INS, has an account.

Like the other loaders, it creates what is missing and never overwrites: an organisation is found
by its French acronym (else its French name) and country, a person by their Latin name, a page by
its French slug.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from home.models import ContentPage, HomePage
from stakeholders.models import (
    Affiliation,
    Organisation,
    PartnersDirectoryPage,
    Person,
    ProtocolIndexPage,
)

from .common import DEMO_FOCAL_POINT, create_child, data, translated

# The organiser of every demo workshop, by French acronym.
ILO = "OIT"

ORGANISATIONS = data("organisations")["organisations"]
# An affiliation: [organisation's French acronym or name, country, position (fr, ar, en), focal
# point, signatory].
PEOPLE = data("people")["people"]


@transaction.atomic
def load():
    """Creates what is missing; returns how many organisations, people and pages it created."""
    return {
        "organisations": sum(_organisation_created(spec) for spec in ORGANISATIONS),
        "people": sum(_person_created(spec) for spec in PEOPLE),
        "registry_pages": _pages_created(),
    }


def organisation(acronym_fr, country=""):
    """A demo organisation by its French acronym (or name), or None before `load()`."""
    return Organisation.objects.filter(_key(acronym_fr, country)).first()


def _key(name, country):
    return Q(country=country) & (Q(acronym_fr=name) | Q(acronym_fr="", name_fr=name))


def _organisation_created(spec):
    text = spec["text"]
    key = text["acronym"]["fr"] or text["name"]["fr"]
    if Organisation.objects.filter(_key(key, spec["country"])).exists():
        return False
    Organisation.objects.create(
        **translated(**text),
        kind=spec["kind"],
        country=spec["country"],
        website=spec["website"],
        is_public=spec["is_public"],
    )
    return True


def _person_created(spec):
    first_name, last_name, first_name_ar, last_name_ar = spec["names"]
    person, created = Person.objects.get_or_create(
        first_name=first_name,
        last_name=last_name,
        defaults={
            "first_name_ar": first_name_ar,
            "last_name_ar": last_name_ar,
            "gender": spec["gender"],
            "email": spec["email"],
            "phone": spec["phone"],
            "consents_to_contact": True,
            "consents_to_listing": spec["listed"],
        },
    )
    for name, country, position, focal_point, signatory in spec["affiliations"]:
        Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation(name, country),
            position_fr=position["fr"],
            defaults={
                **translated(position=position),
                "is_focal_point": bool(focal_point),
                "is_signatory": bool(signatory),
            },
        )
    if spec.get("account") and person.user_id is None:
        person.user = focal_point_account()
        person.save(update_fields=["user"])
    return created


def focal_point_account():
    """The demo focal point's account (the person of people.json who has one), with its address
    verified (no TOTP in dev)."""
    email, password = DEMO_FOCAL_POINT
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        first_name, last_name, *_arabic = next(
            spec["names"] for spec in PEOPLE if spec.get("account")
        )
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _pages_created():
    """The partners directory, in the menu after the Partners page, and the protocols index."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    with translation.override("fr"):
        directory, directory_created = create_child(
            home, PartnersDirectoryPage, data("organisations")["directory"], show_in_menus=True
        )
        if directory_created:
            partners = ContentPage.objects.child_of(home).filter(slug_fr="partenaires").first()
            if partners is not None:
                directory.move(partners, pos="right")
        # Its slugs are never protocol signing's first segment (protocols/, protocoles/,
        # المذكرات/: stakeholders/urls.py), which would hide it.
        _protocols, protocols_created = create_child(
            home, ProtocolIndexPage, data("protocols")["index"]
        )
    return directory_created + protocols_created
