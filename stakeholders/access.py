"""Who may see and change which part of the registry outside the admin.

A focal point answers for an organisation in the partner space: they see and edit its contact
data and its people, and nothing of any other organisation. Every object a partner-space view
touches is fetched through a function here that filters by the user, so that an object the user
may not see is missing (a 404), never forbidden (a 403 would confirm that it exists). A person
shared with another organisation, or holding someone else's account, is shown read-only: the
focal point changes only their affiliation (`may_edit_person`).

Staff work in the Wagtail admin, under its permissions: the partner space is for focal points
only, whoever else is logged in. Focal points and signatories must have TOTP to reach the partner
space and protocol signing (`must_set_up_totp`, used by stakeholders/middleware.py).

The public partners directory shows organisations flagged public and, of their people, only those
who consented to be listed, by name and position (`listed_organisations`).
"""

from allauth.mfa.models import Authenticator
from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from .models import Affiliation, Constituency, Organisation

CONSTITUENCY_OF_KIND = Organisation.CONSTITUENCY_OF_KIND

# Designations that open the partner space or protocol signing, and so require TOTP.
DESIGNATED = Q(is_focal_point=True) | Q(is_signatory=True)


def _designations(user):
    """The user's current affiliations that make them a focal point or a signatory."""
    if not user.is_authenticated:
        return Affiliation.objects.none()
    return Affiliation.objects.current().filter(DESIGNATED, person__user=user)


def is_designated(user):
    """Whether the user is a current focal point or signatory of some organisation (one query)."""
    return _designations(user).exists()


def must_set_up_totp(user):
    """Whether the user is a focal point or signatory without a TOTP authenticator (one query)."""
    if not user.is_authenticated:
        return False
    totp = Authenticator.objects.filter(user=OuterRef("person__user"), type=Authenticator.Type.TOTP)
    return _designations(user).filter(~Exists(totp)).exists()


def organisations_for(user):
    """The organisations the user is a current focal point of, by name."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    focal = Affiliation.objects.current().filter(
        organisation=OuterRef("pk"), person__user=user, is_focal_point=True
    )
    return Organisation.objects.filter(Exists(focal)).order_by("name", "pk")


def signatory_organisations_for(user):
    """The organisations the user may currently sign for, by name."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    signs = Affiliation.objects.current().filter(
        organisation=OuterRef("pk"), person__user=user, is_signatory=True
    )
    return Organisation.objects.filter(Exists(signs)).order_by("name", "pk")


def can_manage(user, organisation):
    """Whether the user may see and change the organisation's private data (one query)."""
    return organisations_for(user).filter(pk=organisation.pk).exists()


def organisation_for(user, pk):
    """The organisation `pk` if the user is its current focal point; else Http404."""
    return get_object_or_404(organisations_for(user), pk=pk)


def _shared():
    """Whether the affiliation's person is currently affiliated with another organisation too,
    as an SQL expression: `is_shared` on the affiliations below, at no query of its own."""
    elsewhere = (
        Affiliation.objects.current()
        .filter(person=OuterRef("person"))
        .exclude(organisation=OuterRef("organisation"))
    )
    return Exists(elsewhere)


def affiliations_of(organisation):
    """The organisation's current affiliations with their people and `is_shared`, by name:
    what it shows."""
    return (
        Affiliation.objects.current()
        .filter(organisation=organisation)
        .annotate(is_shared=_shared())
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "position", "pk")
    )


def affiliation_for(user, organisation_pk, pk):
    """The current affiliation `pk` of organisation `organisation_pk`, with its person,
    organisation and `is_shared`, if the user is a current focal point of that organisation;
    else Http404.

    One query: the organisation is checked in a subquery, not fetched first.
    """
    affiliations = (
        Affiliation.objects.current()
        .filter(organisation_id=organisation_pk, organisation__in=organisations_for(user))
        .annotate(is_shared=_shared())
        .select_related("person", "organisation")
    )
    return get_object_or_404(affiliations, pk=pk)


def may_edit_person(user, affiliation):
    """Whether the user, a focal point of the affiliation's organisation, may change its person's
    own record (names, email, phone, consents), or only the affiliation (position, first day).

    A focal point answers for their organisation, not for other organisations' people: a person
    also currently affiliated with another organisation is changed by the project team only
    (their email is where that organisation's reminders go). Nor for someone with an account,
    unless it is their own: that record is the account holder's. The account's login address is
    never changed here, only through the account's own email page (allauth, verified).

    `affiliation` comes from affiliation_for or affiliations_of (`is_shared`): no query.
    """
    account = affiliation.person.user_id
    if account is not None:
        return account == user.pk
    return not affiliation.is_shared


def is_partner(user):
    """Whether the account's person holds a current affiliation to an organisation of the
    registry (stakeholders/backends.py: partners-only documents). One query per user object: the
    answer is kept on it, so that a page listing several documents asks once."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_amem_is_partner"):
        user._amem_is_partner = Affiliation.objects.current().filter(person__user=user).exists()  # noqa: SLF001 - a cache on the request's own user object
    return user._amem_is_partner  # noqa: SLF001


# The public partners directory: what anyone may see.


def constituency_of_kind():
    """Organisation.constituency as an SQL expression, to filter and sort on."""
    whens = [When(kind=kind, then=Value(code)) for kind, code in CONSTITUENCY_OF_KIND.items()]
    return Case(*whens, default=Value(Constituency.OTHER), output_field=CharField())


def listed_organisations():
    """The organisations flagged public, with `constituency_code`, by country (those outside the
    four countries last), constituency and name; each with `listed_affiliations`.

    `listed_affiliations`: its current affiliations whose person consented to be listed, focal
    points first. Only the people's names are loaded, never their email, phone or gender: a
    template that asked for them would cost a query per person (tests/stakeholders/
    test_directory.py counts them) and would still show nothing of someone who did not consent.
    """
    listed = (
        Affiliation.objects.current()
        .filter(person__consents_to_listing=True)
        .select_related("person")
        .only(
            "organisation_id",
            "position",
            "is_focal_point",
            "person__first_name",
            "person__last_name",
            "person__first_name_ar",
            "person__last_name_ar",
        )
        .order_by("-is_focal_point", "person__last_name", "person__first_name", "pk")
    )
    return (
        Organisation.objects.filter(is_public=True)
        .annotate(constituency_code=constituency_of_kind())
        .annotate(abroad=Case(When(country="", then=Value(1)), default=Value(0)))
        .order_by(
            "abroad",
            "country",
            _rank("constituency_code", Constituency.values),
            _rank("kind", Organisation.Kind.values),
            "name",
            "pk",
        )
        .prefetch_related(Prefetch("affiliations", queryset=listed, to_attr="listed_affiliations"))
    )


def _rank(field, values):
    """The position of `field`'s value in `values`, in SQL: to sort in the vocabulary's order."""
    whens = [When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)]
    return Case(*whens, default=Value(len(values)), output_field=IntegerField())
