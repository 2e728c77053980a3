"""The partner space: a focal point sees and edits their organisation's contact data and people."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.core.validators import EmailValidator
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from stakeholders.models import Affiliation, Organisation, Person
from tests.routes import route

pytestmark = pytest.mark.django_db

SPACE = route("stakeholders:partner_space:home")


@pytest.fixture
def ins(make_organisation):
    return make_organisation(
        "Institut national de la statistique",
        acronym="INS",
        ar="المعهد الوطني للإحصاء",
        en="National Institute of Statistics",
        kind=Organisation.Kind.STATISTICS_INSTITUTE,
        email="contact@ins.example",
        phone="+216 71 000 000",
        website="https://ins.example/",
    )


@pytest.fixture
def focal(client, ins, make_focal_point):
    """The client, logged in as a focal point of the INS (with TOTP)."""
    user = make_focal_point(ins, first_name="Leïla", last_name="Exemple", position="Cheffe")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def colleague(ins, make_affiliation, make_person):
    person = make_person(
        "Karim",
        "Démo",
        first_name_ar="كريم",
        last_name_ar="تجريبي",
        email="karim@example.org",
        phone="+216 70 000 102",
    )
    return make_affiliation(person=person, organisation=ins, position="Directeur général")


def django_says(message, language="fr"):
    """One of Django's own error messages, as its catalogue words it in `language`."""
    with translation.override(language):
        text = str(message)
    with translation.override("en"):
        assert text != str(message), "not translated"
    return text


def we_say(msgid, context=None, language="fr", **params):
    """One of the project's own messages, as our catalogue words it in `language`.

    Fails if the catalogue leaves `msgid` in English, so that a test using it proves the page is
    translated. Dates among `params` are written as the page writes them in `language`.
    """
    with translation.override(language):
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
        assert text != msgid, f"not translated: {msgid!r}"
        params = {
            key: date_format(value, "DATE_FORMAT") if isinstance(value, datetime.date) else value
            for key, value in params.items()
        }
        return text % params if params else text


INVALID_EMAIL = EmailValidator.message
INVALID_DATE = forms.DateField.default_error_messages["invalid"]
REQUIRED = forms.Field.default_error_messages["required"]
ONLY_THE_PROJECT_TEAM = (
    "%(name)s is a focal point or a signatory of the organisation: only the project team can end "
    "this affiliation."
)


def url(organisation, name="organisation", *args, language="fr"):
    """The path of one of the organisation's pages in the partner space."""
    return route(f"stakeholders:partner_space:{name}", organisation.pk, *args, language=language)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def person_data(**overrides):
    data = {
        "person-first_name": "Nadia",
        "person-last_name": "Essai",
        "person-first_name_ar": "نادية",
        "person-last_name_ar": "تجربة",
        "person-gender": "woman",
        "person-email": "nadia@example.org",
        "person-phone": "+216 70 000 200",
        "affiliation-position": "Statisticienne",
        "affiliation-since": "2024-01-15",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(affiliation, **overrides):
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
    if person.consents_to_contact:
        data["person-consents_to_contact"] = "on"
    if person.consents_to_listing:
        data["person-consents_to_listing"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ---------------------------------------------------------------- Home


def test_partner_space_anonymous_is_sent_to_log_in_in_its_language(client):
    space = route("stakeholders:partner_space:home", language="ar")
    response = client.get(space)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.path, parse_qs(location.query)["next"]) == ("/ar/accounts/login/", [space])


def test_home_lists_only_the_organisations_the_user_is_a_current_focal_point_of(
    focal, ins, make_organisation, make_affiliation
):
    person = focal.user.person
    ended = make_organisation("Organisation quittée")
    make_affiliation(
        person=person,
        organisation=ended,
        is_focal_point=True,
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    signs_only = make_organisation("Organisation signataire")
    make_affiliation(person=person, organisation=signs_only, is_signatory=True)
    make_organisation("Organisation d'un autre")
    response = focal.get(SPACE)
    page = response.text
    assert response.status_code == 200
    assert f'href="{url(ins)}"' in page
    assert "Institut national de la statistique" in page
    assert "Organisation quittée" not in page
    assert "Organisation d&#x27;un autre" not in page
    # The organisation they sign for is named, with no link into its data.
    assert "Organisation signataire" in page
    assert f'href="{url(signs_only)}"' not in page
    assert f'href="{route("stakeholders:protocol_designations")}"' in page  # where they sign


def test_home_in_arabic_names_the_organisation_in_arabic(focal, ins):
    response = focal.get(route("stakeholders:partner_space:home", language="ar"))
    assert 'lang="ar" dir="rtl"' in response.text
    assert "المعهد الوطني للإحصاء" in response.text


def test_home_of_an_account_without_organisation_says_so(client, make_user):
    client.force_login(make_user())
    response = client.get(SPACE)
    assert response.status_code == 200
    assert (
        we_say(
            "Your account is not the focal point of any organisation. If it should be, write to "
            "the project team."
        )
        in response.text
    )


def test_header_links_to_the_partner_space_for_focal_points_only(focal, client, make_user):
    assert f'href="{SPACE}"' in focal.get("/fr/accounts/email/").text
    other = Client()
    other.force_login(make_user(email="participant@example.org"))
    assert f'href="{SPACE}"' not in other.get("/fr/accounts/email/").text


def test_home_costs_the_same_queries_for_1_and_20_organisations(
    focal, make_organisation, make_affiliation, django_assert_max_num_queries
):
    person = focal.user.person
    with django_assert_max_num_queries(1000) as captured:
        focal.get(SPACE)
    at_one = len(captured)
    for number in range(19):
        organisation = make_organisation(f"Organisation {number:02}")
        make_affiliation(person=person, organisation=organisation, is_focal_point=True)
    with django_assert_max_num_queries(at_one):
        response = focal.get(SPACE)
    assert response.text.count('class="partner-list__name"') == 12


# ---------------------------------------------------------------- The organisation's page


def test_organisation_page_shows_contact_data_and_current_people(
    focal, ins, colleague, make_affiliation, make_person
):
    make_affiliation(
        person=make_person("Ancien", "Collègue"),
        organisation=ins,
        position="Retraité",
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = focal.get(url(ins))
    page = response.text
    assert response.status_code == 200
    for text in ("contact@ins.example", "+216 71 000 000", "https://ins.example/"):
        assert text in page
    assert "Karim Démo" in page and "كريم تجريبي" in page and "Directeur général" in page
    assert "Leïla" in page
    assert "Ancien Collègue" not in page
    row = re.search(r"<tr>\s*<th scope=\"row\">Karim Démo</th>.*?</tr>", page, re.S)[0]
    assert f'href="{url(ins, "person", colleague.pk)}"' in row
    assert f'href="{url(ins, "end_affiliation", colleague.pk)}"' in row


def test_organisation_page_marks_focal_points_and_signatories_without_an_end_link(
    focal, ins, make_affiliation, make_person
):
    signatory = make_affiliation(
        person=make_person("Hédi", "Signataire"), organisation=ins, is_signatory=True
    )
    page = focal.get(url(ins)).text
    row = re.search(r"<tr>\s*<th scope=\"row\">Hédi Signataire</th>.*?</tr>", page, re.S)[0]
    assert we_say("Signatory") in row
    assert f'href="{url(ins, "person", signatory.pk)}"' in row
    assert "/end/" not in row
    own = re.search(r"<tr>\s*<th scope=\"row\">Leïla Exemple</th>.*?</tr>", page, re.S)[0]
    assert we_say("Focal point", context="affiliation") in own and "/end/" not in own


def test_organisation_page_costs_the_same_queries_for_1_and_20_people(
    focal, ins, make_affiliation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1000) as captured:
        focal.get(url(ins))
    at_one = len(captured)
    for _number in range(20):
        make_affiliation(organisation=ins, position="Agent")
    with django_assert_max_num_queries(at_one):
        response = focal.get(url(ins))
    assert response.text.count('<th scope="row">') == 20


def test_organisation_page_refuses_a_post(focal, ins):
    assert focal.post(url(ins)).status_code == 405


# ---------------------------------------------------------------- Contact data


def test_contact_form_shows_the_current_values(focal, ins):
    response = focal.get(url(ins, "contact"))
    assert 'value="contact@ins.example"' in response.text
    assert 'value="https://ins.example/"' in response.text


def test_contact_form_saves_and_says_so(focal, ins):
    response = focal.post(
        url(ins, "contact"),
        {
            "email": "info@ins.example",
            "phone": "+216 71 891 002",
            "address": "70, rue Al Cham\n1002 Tunis",
            "website": "www.ins.example",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(ins)
    ins.refresh_from_db()
    assert (ins.email, ins.phone, ins.website) == (
        "info@ins.example",
        "+216 71 891 002",
        "https://www.ins.example",
    )
    assert ins.address == "70, rue Al Cham\n1002 Tunis"
    assert messages_of(response) == [
        we_say("The contact data of %(organisation)s was saved.", organisation=ins)
    ]


def test_contact_form_answers_bad_input_with_errors_and_keeps_what_was_typed(focal, ins):
    response = focal.post(
        url(ins, "contact"),
        {"email": "pas-une-adresse", "phone": "appelez-nous", "address": "", "website": "x y"},
    )
    page = response.text
    assert response.status_code == 200
    assert django_says(INVALID_EMAIL) in page
    assert we_say("Enter a phone number with 6 to 15 digits, for example +216 71 123 456.") in page
    assert we_say("Enter a full web address, for example https://example.org.") in page
    assert 'value="pas-une-adresse"' in page and 'value="appelez-nous"' in page
    assert 'role="alert"' in page
    ins.refresh_from_db()
    assert ins.email == "contact@ins.example"


def test_contact_form_errors_are_in_arabic_on_an_arabic_page(focal, ins):
    response = focal.post(
        url(ins, "contact", language="ar"), {"email": "pas-une-adresse", "phone": ""}
    )
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in response.text
    assert django_says(INVALID_EMAIL, "ar") in response.text


def test_contact_form_saved_from_arabic_leaves_the_french_name_alone(focal, ins):
    focal.post(url(ins, "contact", language="ar"), {"email": "info@ins.example"})
    ins = Organisation.objects.get(pk=ins.pk)
    assert ins.email == "info@ins.example"
    assert (ins.name_fr, ins.name_ar) == (
        "Institut national de la statistique",
        "المعهد الوطني للإحصاء",
    )
    # The untranslated column itself, which modeltranslation's original field writes.
    raw = Organisation.objects.rewrite(False).filter(pk=ins.pk).values_list("name", flat=True)
    assert list(raw) == ["Institut national de la statistique"]


def test_contact_form_needs_the_csrf_token(ins, make_focal_point):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_focal_point(ins))
    response = client.post(url(ins, "contact"), {"email": "pirate@example.org"})
    assert response.status_code == 403
    ins.refresh_from_db()
    assert ins.email == "contact@ins.example"


# ---------------------------------------------------------------- People


def test_adding_a_person_creates_them_and_their_affiliation(focal, ins):
    response = focal.post(url(ins, "add_person"), person_data())
    assert response.status_code == 302
    assert response["Location"] == url(ins)
    person = Person.objects.get(last_name="Essai")
    assert (person.first_name_ar, person.last_name_ar, person.email) == (
        "نادية",
        "تجربة",
        "nadia@example.org",
    )
    assert person.user is None
    affiliation = person.affiliations.get()
    assert affiliation.organisation == ins
    assert affiliation.position == "Statisticienne"
    assert affiliation.since == datetime.date(2024, 1, 15)
    assert not affiliation.is_focal_point and not affiliation.is_signatory
    assert messages_of(response) == [
        we_say("%(name)s was added to %(organisation)s.", name="Nadia Essai", organisation=ins)
    ]
    assert "Nadia Essai" in focal.get(url(ins)).text


def test_adding_a_person_cannot_designate_a_focal_point_or_a_signatory(focal, ins):
    focal.post(
        url(ins, "add_person"),
        person_data(**{"affiliation-is_focal_point": "on", "affiliation-is_signatory": "on"}),
    )
    affiliation = Affiliation.objects.get(person__last_name="Essai")
    assert not affiliation.is_focal_point and not affiliation.is_signatory


def test_adding_a_person_with_errors_creates_nothing_and_keeps_what_was_typed(focal, ins):
    before = Person.objects.count()
    response = focal.post(
        url(ins, "add_person"),
        person_data(
            **{
                "person-first_name": "نادية",
                "person-first_name_ar": "Nadia",
                "person-email": "nadia@",
                "affiliation-position": "",
                "affiliation-since": "15/01/2024x",
            }
        ),
    )
    page = response.text
    assert response.status_code == 200
    assert Person.objects.count() == before
    assert (
        we_say("Write this name in Latin script: the name in Arabic script has its own field.")
        in page
    )
    assert we_say("Write this name in Arabic script, or leave it empty.") in page
    assert django_says(INVALID_EMAIL) in page
    assert django_says(REQUIRED) in page  # the position
    assert django_says(INVALID_DATE) in page
    assert 'value="Nadia"' in page and 'value="nadia@"' in page and 'value="Essai"' in page


def test_editing_a_person_saves_their_contact_data_and_position(focal, ins, colleague):
    response = focal.post(
        url(ins, "person", colleague.pk),
        edit_data(
            colleague,
            **{
                "person-email": "k.demo@example.org",
                "person-phone": "+216 70 000 999",
                "affiliation-position": "Directeur général adjoint",
                "affiliation-is_signatory": "on",
            },
        ),
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    colleague.person.refresh_from_db()
    assert colleague.person.email == "k.demo@example.org"
    assert colleague.person.phone == "+216 70 000 999"
    assert colleague.position == "Directeur général adjoint"
    assert not colleague.is_signatory  # designated by the project team, never here
    assert messages_of(response) == [
        we_say("The details of %(name)s were saved.", name="Karim Démo")
    ]


def test_a_consent_given_is_dated_and_a_consent_withdrawn_forgets_its_date(focal, ins, colleague):
    before = timezone.now()
    focal.post(
        url(ins, "person", colleague.pk),
        edit_data(colleague, **{"person-consents_to_listing": "on"}),
    )
    person = Person.objects.get(pk=colleague.person_id)
    assert person.consents_to_listing
    assert person.consents_to_listing_at >= before
    assert not person.consents_to_contact and person.consents_to_contact_at is None
    page = focal.get(url(ins, "person", colleague.pk)).text
    given = timezone.localtime(person.consents_to_listing_at).date()
    assert we_say("Given on %(date)s.", date=given) in page

    focal.post(url(ins, "person", colleague.pk), edit_data(colleague))  # unticked
    person.refresh_from_db()
    assert not person.consents_to_listing and person.consents_to_listing_at is None


def test_editing_a_position_to_one_the_person_already_holds_is_refused(
    focal, ins, colleague, make_affiliation
):
    make_affiliation(person=colleague.person, organisation=ins, position="Conseiller")
    response = focal.post(
        url(ins, "person", colleague.pk),
        edit_data(colleague, **{"affiliation-position": "Conseiller"}),
    )
    assert response.status_code == 200
    assert we_say("This person already holds this position in the organisation.") in response.text
    colleague.refresh_from_db()
    assert colleague.position == "Directeur général"


# ---------------------------------------------------------------- Ending an affiliation


def test_ending_an_affiliation_sets_its_last_day(focal, ins, colleague):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = focal.post(
        url(ins, "end_affiliation", colleague.pk), {"until": yesterday.isoformat()}
    )
    assert response.status_code == 302
    assert response["Location"] == url(ins)
    colleague.refresh_from_db()
    assert colleague.until == yesterday
    assert len(messages_of(response)) == 1
    # No longer current: gone from the list, and its pages are gone too.
    assert '<th scope="row">Karim Démo</th>' not in focal.get(url(ins)).text
    assert focal.get(url(ins, "person", colleague.pk)).status_code == 404


def test_ending_an_affiliation_is_never_done_by_a_get(focal, ins, colleague):
    response = focal.get(url(ins, "end_affiliation", colleague.pk), {"until": "2020-01-01"})
    assert response.status_code == 200
    colleague.refresh_from_db()
    assert colleague.until is None


def test_ending_an_affiliation_before_it_began_is_refused(focal, ins, colleague):
    colleague.since = datetime.date(2023, 3, 1)
    colleague.save()
    response = focal.post(url(ins, "end_affiliation", colleague.pk), {"until": "2023-02-28"})
    assert response.status_code == 200
    assert (
        we_say(
            "The last day cannot be before the first day (%(since)s).",
            since=datetime.date(2023, 3, 1),
        )
        in response.text
    )
    assert 'value="2023-02-28"' in response.text
    colleague.refresh_from_db()
    assert colleague.until is None


def test_a_focal_point_cannot_end_their_own_affiliation(focal, ins):
    own = focal.user.person.affiliations.get()
    refusal = we_say(ONLY_THE_PROJECT_TEAM, name="Leïla Exemple")
    page = focal.get(url(ins, "end_affiliation", own.pk)).text
    assert refusal in page
    assert 'name="until"' not in page
    response = focal.post(url(ins, "end_affiliation", own.pk), {"until": "2030-01-01"})
    assert response.status_code == 200
    assert refusal in response.text
    own.refresh_from_db()
    assert own.until is None


def test_a_signatorys_affiliation_is_ended_by_the_project_team_only(
    focal, ins, make_affiliation, make_person
):
    signatory = make_affiliation(
        person=make_person("Hédi", "Signataire"), organisation=ins, is_signatory=True
    )
    response = focal.post(url(ins, "end_affiliation", signatory.pk), {"until": "2030-01-01"})
    assert response.status_code == 200
    assert we_say(ONLY_THE_PROJECT_TEAM, name="Hédi Signataire") in response.text
    signatory.refresh_from_db()
    assert signatory.until is None


# ---------------------------------------------------------------- Another organisation's data


@pytest.fixture
def other(make_organisation, make_affiliation, make_person):
    """Another organisation, with a person, whose focal point is someone else."""
    organisation = make_organisation(
        "Union générale tunisienne du travail",
        acronym="UGTT",
        kind=Organisation.Kind.WORKERS_ORGANISATION,
        email="secret@ugtt.example",
    )
    person = make_person("Sonia", "Modèle", email="sonia@example.org")
    return make_affiliation(person=person, organisation=organisation, position="Secrétaire")


def test_another_organisations_pages_are_missing(focal, other):
    organisation = other.organisation
    for page in [
        ("organisation",),
        ("contact",),
        ("add_person",),
        ("person", other.pk),
        ("end_affiliation", other.pk),
    ]:
        response = focal.get(url(organisation, *page))
        assert response.status_code == 404, page
        assert "secret@ugtt.example" not in response.text
        assert "Sonia" not in response.text


def test_another_organisations_data_cannot_be_changed(focal, other):
    organisation = other.organisation
    assert focal.post(url(organisation, "contact"), {"email": "x@example.org"}).status_code == 404
    assert focal.post(url(organisation, "add_person"), person_data()).status_code == 404
    response = focal.post(
        url(organisation, "person", other.pk),
        edit_data(other, **{"person-email": "x@example.org"}),
    )
    assert response.status_code == 404
    assert (
        focal.post(
            url(organisation, "end_affiliation", other.pk), {"until": "2024-01-01"}
        ).status_code
        == 404
    )
    organisation.refresh_from_db()
    other.refresh_from_db()
    assert organisation.email == "secret@ugtt.example"
    assert other.person.email == "sonia@example.org" and other.until is None
    assert not Person.objects.filter(last_name="Essai").exists()


def test_another_organisations_affiliation_is_missing_under_ones_own(focal, ins, other):
    """The organisation in the URL is the user's, the affiliation is not: 404 all the same."""
    for name in ("person", "end_affiliation"):
        assert focal.get(url(ins, name, other.pk)).status_code == 404
    response = focal.post(url(ins, "end_affiliation", other.pk), {"until": "2024-01-01"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.until is None


def test_a_former_focal_point_loses_access(focal, ins):
    focal.user.person.affiliations.update(until=timezone.localdate() - datetime.timedelta(days=1))
    assert focal.get(url(ins)).status_code == 404
    assert "Institut national" not in focal.get(SPACE).text


def test_an_unknown_organisation_is_missing(focal):
    assert focal.get(route("stakeholders:partner_space:organisation", 999999)).status_code == 404
