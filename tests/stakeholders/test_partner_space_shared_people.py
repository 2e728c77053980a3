"""The partner space and people shared between organisations (issue 15, finding 1).

A focal point changes a person's own record (names, email, phone, consents) only where the person
belongs to their organisation alone and holds no one else's account; otherwise they change the
affiliation only, and the person's details are shown read-only. Organisation A is the INS, whose
focal point is focal.tn; organisation B is the UGTT.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone, translation

from stakeholders.models import Affiliation, Organisation, Person
from tests.routes import route

pytestmark = pytest.mark.django_db

SHARED_NOTICE = (
    "%(name)s is also listed by another organisation, which relies on the same name, contact "
    "data and consents: only the project team can change them. Write to it if they are out of "
    "date. Here you can change their position in %(organisation)s."
)
ACCOUNT_NOTICE = (
    "%(name)s has their own account on this site: their name, contact data and consents go with "
    "it, so only the project team can change them. Write to it if they are out of date. Here you "
    "can change their position in %(organisation)s."
)
SHARED_MARKER = "Also listed by another organisation"
DETAILS_SAVED = "The details of %(name)s were saved."
POSITION_SAVED = "The position of %(name)s in %(organisation)s was saved."


def we_say(msgid, language="fr", **params):
    """The project's message as a page in `language` shows it; fails if left in English."""
    with translation.override(language):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated into {language}: {msgid!r}"
    return text % params if params else text


def url(organisation, name="organisation", *args, language="fr"):
    return route(f"stakeholders:partner_space:{name}", organisation.pk, *args, language=language)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def person_fields(person):
    person.refresh_from_db()
    return model_to_dict(person, exclude=["id", "organisations"])


def edit_data(affiliation, **overrides):
    """What the person page posts back: the person's current values, then `overrides`."""
    person = affiliation.person
    data = {
        "person-first_name": person.first_name,
        "person-last_name": person.last_name,
        "person-first_name_ar": person.first_name_ar,
        "person-last_name_ar": person.last_name_ar,
        "person-gender": person.gender,
        "person-email": person.email,
        "person-phone": person.phone,
        "affiliation-position": affiliation.position,
        "affiliation-since": affiliation.since.isoformat() if affiliation.since else "",
    }
    data.update(overrides)
    return data


HIJACK = {
    "person-last_name": "Détourné",
    "person-first_name_ar": "مختطف",
    "person-email": "boite.de.focal.tn@example.org",
    "person-phone": "+216 70 999 999",
    "person-gender": "other",
    "person-consents_to_contact": "on",
    "person-consents_to_listing": "on",
}


@pytest.fixture
def ins(make_organisation):
    return make_organisation(
        "Institut national de la statistique",
        acronym="INS",
        kind=Organisation.Kind.STATISTICS_INSTITUTE,
    )


@pytest.fixture
def ugtt(make_organisation):
    return make_organisation(
        "Union générale tunisienne du travail",
        acronym="UGTT",
        kind=Organisation.Kind.WORKERS_ORGANISATION,
    )


@pytest.fixture
def focal_tn(client, ins, make_focal_point):
    """The client, logged in as focal.tn, the INS's focal point (with TOTP)."""
    user = make_focal_point(ins, email="focal.tn@example.org", first_name="Leïla")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def focal_ugtt(ugtt, make_focal_point):
    """Another client, logged in as the UGTT's focal point."""
    client = Client()
    user = make_focal_point(ugtt, email="focal.ugtt@example.org", first_name="Mourad")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def shared(ins, ugtt, make_person, make_affiliation):
    """Sonia Modèle, the UGTT's focal point (no account: her reminder digests go to her email),
    also listed by the INS as an adviser. Her affiliation with the INS."""
    person = make_person(
        "Sonia", "Modèle", email="sonia@ugtt.example", phone="+216 70 000 301", gender="woman"
    )
    make_affiliation(person=person, organisation=ugtt, position="Secrétaire", is_focal_point=True)
    return make_affiliation(person=person, organisation=ins, position="Conseillère")


@pytest.fixture
def own(ins, make_person, make_affiliation):
    """Karim Démo, listed by the INS alone, without an account."""
    person = make_person("Karim", "Démo", email="karim@ins.example", phone="+216 70 000 102")
    return make_affiliation(person=person, organisation=ins, position="Directeur général")


@pytest.fixture
def ugtt_only(ugtt, make_person, make_affiliation):
    """Hédi Autre, listed by the UGTT alone."""
    person = make_person("Hédi", "Autre", email="hedi@ugtt.example")
    return make_affiliation(person=person, organisation=ugtt, position="Trésorier")


# ---------------------------------------------------------------- The finding


def test_focal_point_cannot_rewrite_a_person_another_organisation_also_lists(focal_tn, ins, shared):
    """The reproduction: focal.tn posts another email and last name for the UGTT's focal point."""
    page = url(ins, "person", shared.pk)
    assert focal_tn.get(page).status_code == 200
    before = person_fields(shared.person)
    response = focal_tn.post(
        page,
        edit_data(
            shared,
            **{
                "person-email": "boite.de.focal.tn@example.org",
                "person-last_name": "Détourné",
                "affiliation-position": "Conseillère principale",
            },
        ),
    )
    assert response.status_code == 302
    assert person_fields(shared.person) == before
    assert shared.person.email == "sonia@ugtt.example"  # the UGTT's reminders still reach her
    shared.refresh_from_db()
    assert shared.position == "Conseillère principale"  # the INS's own affiliation is saved


# ---------------------------------------------------------------- The matrix: edit the person


def test_own_person_is_edited_in_full(focal_tn, ins, own):
    response = focal_tn.post(url(ins, "person", own.pk), edit_data(own, **HIJACK))
    assert response.status_code == 302
    assert response["Location"] == url(ins)
    person = Person.objects.get(pk=own.person_id)
    assert (person.last_name, person.first_name_ar, person.email, person.phone) == (
        "Détourné",
        "مختطف",
        "boite.de.focal.tn@example.org",
        "+216 70 999 999",
    )
    assert person.consents_to_contact and person.consents_to_listing
    assert messages_of(response) == [we_say(DETAILS_SAVED, name="Karim Détourné")]


def test_own_person_page_has_the_person_form_and_no_notice(focal_tn, ins, own):
    page = focal_tn.get(url(ins, "person", own.pk)).text
    assert 'name="person-email"' in page and 'name="affiliation-position"' in page
    assert we_say("Details kept by the project team") not in page


def test_a_person_whose_other_affiliation_has_ended_is_the_organisations_alone(
    focal_tn, ins, ugtt, own, make_affiliation
):
    make_affiliation(
        person=own.person,
        organisation=ugtt,
        position="Ancien délégué",
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = focal_tn.post(
        url(ins, "person", own.pk), edit_data(own, **{"person-email": "k.demo@ins.example"})
    )
    assert response.status_code == 302
    own.person.refresh_from_db()
    assert own.person.email == "k.demo@ins.example"


def test_shared_person_post_changes_the_affiliation_and_ignores_every_person_field(
    focal_tn, ins, shared
):
    before = person_fields(shared.person)
    response = focal_tn.post(
        url(ins, "person", shared.pk),
        edit_data(
            shared,
            **HIJACK,
            **{"affiliation-position": "Conseillère principale", "affiliation-since": "2024-02-01"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url(ins)
    assert person_fields(shared.person) == before
    shared.refresh_from_db()
    assert (shared.position, shared.since) == ("Conseillère principale", datetime.date(2024, 2, 1))
    assert messages_of(response) == [we_say(POSITION_SAVED, name="Sonia Modèle", organisation=ins)]


def test_shared_person_post_with_only_the_affiliation_fields_is_enough(focal_tn, ins, shared):
    """The read-only page posts no person field; a missing required name is no error then."""
    response = focal_tn.post(
        url(ins, "person", shared.pk),
        {"affiliation-position": "Chargée d'études", "affiliation-since": ""},
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.position == "Chargée d'études"


def test_shared_person_post_with_an_affiliation_error_saves_nothing(focal_tn, ins, shared):
    before = person_fields(shared.person)
    response = focal_tn.post(
        url(ins, "person", shared.pk), edit_data(shared, **HIJACK, **{"affiliation-position": ""})
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert person_fields(shared.person) == before
    shared.refresh_from_db()
    assert shared.position == "Conseillère"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_shared_person_page_shows_the_details_read_only_with_a_notice(
    focal_tn, ins, shared, language
):
    response = focal_tn.get(url(ins, "person", shared.pk, language=language))
    page = response.text
    assert response.status_code == 200
    with translation.override(language):
        organisation = ins.name
    notice = (
        we_say(SHARED_NOTICE, language, name="Sonia Modèle", organisation=organisation)
        if language != "en"
        else SHARED_NOTICE % {"name": "Sonia Modèle", "organisation": organisation}
    )
    if language == "ar":  # a Latin name on an Arabic page carries its direction
        notice = notice.replace(
            "Sonia Modèle", '<span lang="und-Latn" dir="ltr">Sonia Modèle</span>'
        )
    assert notice in page
    # The details are shown, none is a field; the affiliation's are.
    assert "sonia@ugtt.example" in page and "+216 70 000 301" in page
    assert not re.search(r'name="person-', page)
    assert 'name="affiliation-position"' in page and 'value="Conseillère"' in page


def test_the_other_organisations_focal_point_sees_the_shared_person_read_only_too(
    focal_ugtt, ugtt, shared
):
    """Symmetric: the UGTT's focal point cannot rewrite what the INS relies on either."""
    theirs = Affiliation.objects.get(person=shared.person, organisation=ugtt)
    page = focal_ugtt.get(url(ugtt, "person", theirs.pk)).text
    assert we_say(SHARED_NOTICE, name="Sonia Modèle", organisation=ugtt.name) in page
    before = person_fields(shared.person)
    response = focal_ugtt.post(
        url(ugtt, "person", theirs.pk),
        edit_data(theirs, **HIJACK, **{"affiliation-position": "Secrétaire générale"}),
    )
    assert response.status_code == 302
    assert person_fields(shared.person) == before
    theirs.refresh_from_db()
    assert theirs.position == "Secrétaire générale" and theirs.is_focal_point


def test_a_person_of_another_organisation_only_is_missing(focal_tn, ins, ugtt, ugtt_only):
    before = person_fields(ugtt_only.person)
    for organisation in (ins, ugtt):  # under one's own organisation, or under theirs
        page = url(organisation, "person", ugtt_only.pk)
        assert focal_tn.get(page).status_code == 404
        response = focal_tn.post(page, edit_data(ugtt_only, **HIJACK))
        assert response.status_code == 404
    assert person_fields(ugtt_only.person) == before


def test_the_other_organisations_focal_point_cannot_reach_a_person_of_ours(focal_ugtt, ins, own):
    before = person_fields(own.person)
    page = url(ins, "person", own.pk)
    assert focal_ugtt.get(page).status_code == 404
    assert focal_ugtt.post(page, edit_data(own, **HIJACK)).status_code == 404
    assert person_fields(own.person) == before


# ---------------------------------------------------------------- People with an account


def test_a_colleague_with_an_account_is_shown_read_only(focal_tn, ins, make_focal_point):
    """A second focal point of the INS: focal.tn cannot redirect their reminders or rename them."""
    colleague_user = make_focal_point(ins, email="second.focal@example.org", first_name="Nabil")
    colleague = colleague_user.person.affiliations.get()
    page = focal_tn.get(url(ins, "person", colleague.pk)).text
    name = str(colleague_user.person)
    assert we_say(ACCOUNT_NOTICE, name=name, organisation=ins.name) in page
    assert not re.search(r'name="person-', page)
    before = person_fields(colleague_user.person)
    response = focal_tn.post(
        url(ins, "person", colleague.pk),
        edit_data(colleague, **HIJACK, **{"affiliation-position": "Point focal adjoint"}),
    )
    assert response.status_code == 302
    assert person_fields(colleague_user.person) == before
    colleague_user.refresh_from_db()
    assert colleague_user.email == "second.focal@example.org"
    colleague.refresh_from_db()
    assert colleague.position == "Point focal adjoint"


def test_a_focal_point_edits_their_own_record_but_never_their_login_address(focal_tn, ins):
    own = focal_tn.user.person.affiliations.get()
    response = focal_tn.post(
        url(ins, "person", own.pk),
        edit_data(own, **{"person-email": "leila.pro@example.org", "person-phone": "+216 71 100"}),
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=own.person_id)
    assert (person.email, person.phone) == ("leila.pro@example.org", "+216 71 100")
    # The account's login address is the account's own, changed only on its email page.
    focal_tn.user.refresh_from_db()
    assert focal_tn.user.email == "focal.tn@example.org"
    addresses = EmailAddress.objects.filter(user=focal_tn.user)
    assert list(addresses.values_list("email", flat=True)) == ["focal.tn@example.org"]


def test_a_focal_point_shared_with_another_organisation_still_edits_their_own_record(
    focal_tn, ins, ugtt, make_affiliation
):
    make_affiliation(person=focal_tn.user.person, organisation=ugtt, position="Déléguée")
    own = focal_tn.user.person.affiliations.get(organisation=ins)
    response = focal_tn.post(
        url(ins, "person", own.pk), edit_data(own, **{"person-last_name": "Nouveau-Nom"})
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=own.person_id).last_name == "Nouveau-Nom"


# ---------------------------------------------------------------- Ending, adding, listing


def test_ending_a_shared_persons_affiliation_ends_only_ours(focal_tn, ins, ugtt, shared):
    before = person_fields(shared.person)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = focal_tn.post(
        url(ins, "end_affiliation", shared.pk), {"until": yesterday.isoformat()}
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.until == yesterday
    theirs = Affiliation.objects.get(person=shared.person, organisation=ugtt)
    assert theirs.until is None and theirs.is_focal_point
    assert person_fields(shared.person) == before


def test_ending_another_organisations_affiliation_is_missing(focal_tn, ins, ugtt, shared):
    theirs = Affiliation.objects.get(person=shared.person, organisation=ugtt)
    for organisation in (ins, ugtt):
        page = url(organisation, "end_affiliation", theirs.pk)
        assert focal_tn.get(page).status_code == 404
        assert focal_tn.post(page, {"until": "2024-01-01"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.until is None


def test_adding_a_person_with_a_shared_persons_email_never_touches_that_person(
    focal_tn, ins, shared
):
    """Adding always creates a new person: no existing one is found, let alone changed."""
    before = person_fields(shared.person)
    response = focal_tn.post(
        url(ins, "add_person"),
        {
            "person-first_name": "Sonia",
            "person-last_name": "Doublon",
            "person-email": "sonia@ugtt.example",
            "affiliation-position": "Stagiaire",
        },
    )
    assert response.status_code == 302
    assert person_fields(shared.person) == before
    added = Person.objects.get(last_name="Doublon")
    assert added.pk != shared.person_id and added.user is None
    assert list(added.affiliations.values_list("organisation", flat=True)) == [ins.pk]


def test_organisation_page_marks_shared_people(focal_tn, ins, shared, own):
    page = focal_tn.get(url(ins)).text
    marker = we_say(SHARED_MARKER)
    sonia = re.search(r"<tr>\s*<th scope=\"row\">Sonia Modèle.*?</tr>", page, re.S)[0]
    assert marker in sonia
    assert f'href="{url(ins, "person", shared.pk)}"' in sonia  # her position stays editable
    karim = re.search(r"<tr>\s*<th scope=\"row\">Karim Démo</th>.*?</tr>", page, re.S)[0]
    assert marker not in karim


def test_organisation_page_costs_the_same_queries_for_1_and_20_shared_people(
    focal_tn, ins, ugtt, shared, make_affiliation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1000) as captured:
        focal_tn.get(url(ins))
    at_one = len(captured)
    for _number in range(18):  # 20 people with focal.tn, one page
        affiliation = make_affiliation(organisation=ins, position="Agent")
        make_affiliation(person=affiliation.person, organisation=ugtt, position="Adhérent")
    with django_assert_max_num_queries(at_one):
        page = focal_tn.get(url(ins)).text
    assert page.count(we_say(SHARED_MARKER)) == 19


def test_person_page_costs_no_query_for_the_sharing_rule(
    focal_tn, ins, own, shared, django_assert_max_num_queries
):
    """Shared or not, the page asks the same number of queries: the rule is in the fetch."""
    with django_assert_max_num_queries(1000) as captured:
        focal_tn.get(url(ins, "person", own.pk))
    own_queries = len(captured)
    with django_assert_max_num_queries(1000) as captured:
        focal_tn.get(url(ins, "person", shared.pk))
    assert len(captured) <= own_queries


# ---------------------------------------------------------------- Anonymous visitors and staff


def test_anonymous_visitor_is_sent_to_log_in_and_changes_nothing(client, ins, shared, own):
    for affiliation in (shared, own):
        page = url(ins, "person", affiliation.pk)
        before = person_fields(affiliation.person)
        for response in (
            client.get(page),
            client.post(page, edit_data(affiliation, **HIJACK)),
            client.post(url(ins, "end_affiliation", affiliation.pk), {"until": "2024-01-01"}),
        ):
            assert response.status_code == 302
            assert urlsplit(response["Location"]).path == "/fr/accounts/login/"
        assert person_fields(affiliation.person) == before
        affiliation.refresh_from_db()
        assert affiliation.until is None


def test_staff_who_are_no_focal_point_find_no_partner_space_page(staff_client, ins, shared, own):
    """Staff work in the admin: the partner space is for focal points only."""
    for affiliation in (shared, own):
        assert staff_client.get(url(ins, "person", affiliation.pk)).status_code == 404
        assert staff_client.get(url(ins, "end_affiliation", affiliation.pk)).status_code == 404


def test_staff_change_a_shared_persons_details_in_the_admin(staff_client, shared):
    person = shared.person
    page = f"/admin/registry/people/edit/{person.pk}/"
    assert staff_client.get(page).status_code == 200
    response = staff_client.post(
        page,
        {
            "first_name": person.first_name,
            "last_name": "Modèle-Ben Salah",
            "first_name_ar": "",
            "last_name_ar": "",
            "gender": person.gender,
            "email": "sonia.modele@ugtt.example",
            "phone": person.phone,
            "user": "",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.email) == ("Modèle-Ben Salah", "sonia.modele@ugtt.example")
