"""Who reaches what: the registry, partner-space and protocol URLs × the people who use them.

Everyone whom a rule requires to have TOTP has it, so that the matrix tests the access rules and
not the TOTP redirect (one row at the end shows that redirect). Another organisation's object is
missing (404), never forbidden.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from stakeholders import protocols
from stakeholders.models import Organisation, Protocol
from tests.routes import route

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "focal_a", "focal_b", "signatory", "editor", "staff")

OK = "ok"  # 200
SAVED = "saved"  # 302 back into the partner space: the change was made
LOGIN = "login"  # 302 to allauth's login page
DENIED = "denied"  # the Wagtail admin's "no permission": 302 to the admin's dashboard
MISSING = "missing"  # 404


def everyone(outcome, **exceptions):
    return {role: exceptions.get(role, outcome) for role in ROLES}


def logged_in(outcome, **exceptions):
    return everyone(outcome, anonymous=LOGIN, **exceptions)


def focal_a_only(outcome=OK):
    return logged_in(MISSING, focal_a=outcome)


def admin(outcome_for_staff=OK):
    """The Wagtail admin: login for whoever may not enter it, denied to an editor without the
    model's permissions."""
    return everyone(LOGIN, editor=DENIED, staff=outcome_for_staff)


# (description, method, URL, data, outcome by role). A URL is a path or, for the site's own
# (translated) routes, a route's name and its arguments. URLs name objects by placeholder: {a} and
# {b} the two organisations, {a_person}/{b_person} an affiliation of each ({a_person_id} its
# person), {signatory} the signatory's designation, {protocol} the protocol open for signature
# (organisation A is a party).
MATRIX = [
    # The public directory.
    ("directory", "get", "/fr/annuaire/", None, everyone(OK)),
    ("directory in Arabic", "get", "/ar/الدليل/", None, everyone(OK)),
    # The partner space.
    ("partner space home", "get", ("stakeholders:partner_space:home",), None, logged_in(OK)),
    ("A's page", "get", ("stakeholders:partner_space:organisation", "{a}"), None, focal_a_only()),
    (
        "A's contact form",
        "get",
        ("stakeholders:partner_space:contact", "{a}"),
        None,
        focal_a_only(),
    ),
    (
        "A's contact saved",
        "post",
        ("stakeholders:partner_space:contact", "{a}"),
        {"email": "changed@example.org"},
        focal_a_only(SAVED),
    ),
    (
        "A's new person form",
        "get",
        ("stakeholders:partner_space:add_person", "{a}"),
        None,
        focal_a_only(),
    ),
    (
        "A's person edited",
        "get",
        ("stakeholders:partner_space:person", "{a}", "{a_person}"),
        None,
        focal_a_only(),
    ),
    (
        "A's affiliation ended",
        "post",
        ("stakeholders:partner_space:end_affiliation", "{a}", "{a_person}"),
        {"until": "2030-01-01"},
        focal_a_only(SAVED),
    ),
    (
        "B's page",
        "get",
        ("stakeholders:partner_space:organisation", "{b}"),
        None,
        logged_in(MISSING, focal_b=OK),
    ),
    (
        "B's person through A's URL",
        "get",
        ("stakeholders:partner_space:person", "{a}", "{b_person}"),
        None,
        logged_in(MISSING),
    ),
    (
        "B's affiliation ended through A's URL",
        "post",
        ("stakeholders:partner_space:end_affiliation", "{a}", "{b_person}"),
        {"until": "2030-01-01"},
        logged_in(MISSING),
    ),
    # Protocol signing.
    ("protocols to sign", "get", ("stakeholders:protocol_designations",), None, logged_in(OK)),
    (
        "sign page",
        "get",
        ("stakeholders:protocol_sign", "{signatory}"),
        None,
        logged_in(MISSING, signatory=OK),
    ),
    (
        "protocol text",
        "get",
        ("stakeholders:protocol_signing_text", "{protocol}", "fr"),
        None,
        logged_in(MISSING, signatory=OK, focal_a=OK, staff=OK, editor=MISSING),
    ),
    # The registry in the Wagtail admin.
    ("organisations", "get", "/admin/registry/organisations/", None, admin()),
    (
        "organisation A inspected",
        "get",
        "/admin/registry/organisations/inspect/{a}/",
        None,
        admin(),
    ),
    ("organisation A edited", "get", "/admin/registry/organisations/edit/{a}/", None, admin()),
    (
        "organisations exported",
        "get",
        "/admin/registry/organisations/?export=csv",
        None,
        admin(),
    ),
    (
        "organisations imported",
        "get",
        "/admin/registry/organisations/import/",
        None,
        admin(),
    ),
    ("people", "get", "/admin/registry/people/", None, admin()),
    ("people exported", "get", "/admin/registry/people/?export=xlsx", None, admin()),
    ("people merged", "get", "/admin/registry/people/merge/?keep={a_person_id}", None, admin()),
    ("protocols in the admin", "get", "/admin/protocols/", None, admin()),
    (
        "protocol inspected in the admin",
        "get",
        "/admin/protocols/inspect/{protocol}/",
        None,
        admin(),
    ),
    ("protocol audit log", "get", "/admin/protocols/{protocol}/audit-log/", None, admin()),
]


@pytest.fixture
def world(
    directory_page,
    make_organisation,
    make_focal_point,
    make_affiliation,
    make_person,
    make_text_document,
):
    """Two organisations with a focal point each, a signatory, an editor and registry staff."""
    a = make_organisation("Organisation A", acronym="OA", email="a@example.org", country="TN")
    b = make_organisation(
        "Organisation B",
        acronym="OB",
        email="b@example.org",
        country="MA",
        kind=Organisation.Kind.WORKERS_ORGANISATION,
    )
    users = {
        "focal_a": make_focal_point(a, email="focal.a@example.org"),
        "focal_b": make_focal_point(b, email="focal.b@example.org"),
        "signatory": make_focal_point(
            a, email="signatory@example.org", focal_point=False, signatory=True
        ),
        "editor": _editor(make_focal_point, a),
        "staff": _staff(make_focal_point, a),
    }
    a_person = make_affiliation(person=make_person("Karim", "A"), organisation=a, position="Agent")
    b_person = make_affiliation(person=make_person("Sonia", "B"), organisation=b, position="Agent")
    protocol = protocols.create_protocol(
        actor=None,
        reference="AMEM-MATRIX-001",
        kind=Protocol.Kind.MOU,
        title="Protocole", title_fr="Protocole", title_ar="مذكرة", title_en="Protocol",
    )  # fmt: skip
    protocols.add_text(protocol, language="fr", document=make_text_document(), actor=None)
    party = protocols.add_party(protocol, organisation=a, actor=None)
    signatory = protocols.add_signatory(
        party, person=users["signatory"].person, title="Directeur", actor=None
    )
    protocols.transition(protocol, Protocol.Status.OPEN, actor=None)
    ids = {
        "a": a.pk,
        "b": b.pk,
        "a_person": a_person.pk,
        "a_person_id": a_person.person_id,
        "b_person": b_person.pk,
        "signatory": signatory.pk,
        "protocol": protocol.pk,
    }
    return {"users": users, "ids": ids, "a": a, "a_person": a_person}


def _editor(make_focal_point, organisation):
    """A member of Wagtail's Editors group: pages, no registry or protocol permission. Not
    affiliated with anyone: a person of the registry only through make_focal_point's account."""
    user = make_focal_point(organisation, email="editor@example.org", focal_point=False)
    user.person.affiliations.all().delete()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _staff(make_focal_point, organisation):
    """Staff who keep the registry and run protocols (is_staff, their model permissions)."""
    user = make_focal_point(organisation, email="staff@example.org", focal_point=False)
    user.person.affiliations.all().delete()
    user.is_staff = True
    user.save()
    codenames = ["access_admin"] + [
        f"{action}_{model}"
        for model in ("organisation", "person", "affiliation", "protocol")
        for action in ("add", "change", "delete", "view")
    ]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def url(path, ids):
    """A row's URL: a path with placeholders, or a route's name and its arguments."""
    if isinstance(path, str):
        return path.format(**ids)
    name, *args = path
    return route(name, *(arg.format(**ids) for arg in args))


def outcome(response):
    status = response.status_code
    location = response.get("Location", "")
    if status == 200:
        return OK
    if status == 404:
        return MISSING
    if status == 302 and "/accounts/login/" in location:
        return LOGIN
    if status == 302 and location == "/admin/":
        return DENIED
    if status == 302 and location.startswith(route("stakeholders:partner_space:home")):
        return SAVED
    return f"{status} {location}"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role):
    """Every row for one role; the assertion shows each row whose outcome differs."""
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    found, expected = {}, {}
    for description, method, path, data, outcomes in MATRIX:
        before = _state_of_a(world)
        response = getattr(client, method)(url(path, world["ids"]), data or {})
        found[description] = outcome(response)
        expected[description] = outcomes[role]
        if outcomes[role] != SAVED:
            assert _state_of_a(world) == before, description  # a refusal changes nothing
    assert found == expected


def _state_of_a(world):
    world["a"].refresh_from_db()
    world["a_person"].refresh_from_db()
    return world["a"].email, world["a_person"].until


def test_permission_matrix_covers_every_role_of_every_row():
    for description, _method, _path, _data, expected in MATRIX:
        assert set(expected) == set(ROLES), description


def test_missing_pages_do_not_leak_the_other_organisations_data(world):
    client = Client()
    client.force_login(world["users"]["focal_a"])
    ids = world["ids"]
    for path in (
        route("stakeholders:partner_space:organisation", ids["b"]),
        route("stakeholders:partner_space:person", ids["a"], ids["b_person"]),
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert "b@example.org" not in response.text and "Sonia" not in response.text


def test_focal_point_without_totp_is_sent_to_set_it_up(make_organisation, make_focal_point):
    organisation = make_organisation("Organisation A")
    client = Client()
    client.force_login(make_focal_point(organisation, totp=False))
    for path in (
        route("stakeholders:partner_space:organisation", organisation.pk),
        route("stakeholders:protocol_designations"),
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/fr/accounts/2fa/totp/activate/"
