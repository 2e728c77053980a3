"""The registration form of a workshop, as a participant meets it: the page's `register/` route,
the manage link, the edit and cancel pages, and the registration box of the workshop's page."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from events.models import (
    EventPage,
    Invitation,
    Registration,
    RegistrationQuestion,
    RegistrationQuota,
)
from stakeholders.models import Affiliation, Person

from .conftest import participant_fields

pytestmark = pytest.mark.django_db

Status = Registration.Status
Mode = EventPage.RegistrationMode


def register_url(event, language="fr"):
    with translation.override(language):
        return event.url + "register/"


def form_data(**overrides):
    """What a participant types: the model's fields, without the email (the account's)."""
    data = participant_fields(**overrides)
    data.pop("email")
    return {
        name: ("on" if value is True else value)
        for name, value in data.items()
        if value is not False
    }


def fr(message, **params):
    with translation.override("fr"):
        text = gettext(message)
    return text % params if params else text


def text(response):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def field_value(response, name):
    """The value an <input name=...> shows."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    value = re.search(r'value="([^"]*)"', match.group(0)) if match else None
    return unescape(value.group(1)) if value else None


def selected(response, name):
    select = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S)
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
    return option.group(1) if option else None


@pytest.fixture
def participant(client, make_user):
    user = make_user(email="amina@example.org")
    client.force_login(user)
    return user


def test_form_shows_the_fields_and_the_seats_left(client, open_workshop, page_text):
    event = open_workshop(capacity=30)

    response = client.get(register_url(event))

    assert response.status_code == 200
    for name in ("first_name", "last_name_ar", "proposed_organisation", "accepts_privacy_notice"):
        assert f'name="{name}"' in response.text
    assert 'name="email"' not in response.text  # the account's address, never typed
    assert 'name="passport_number"' not in response.text  # the workshop sends no letters
    with translation.override("fr"):
        seats = ngettext("%(seats)s seat left.", "%(seats)s seats left.", 30) % {"seats": 30}
    assert seats in page_text(response)


def test_registering_confirms_and_redirects_to_the_manage_page(
    client, participant, open_workshop, django_capture_on_commit_callbacks
):
    event = open_workshop()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form_data(position="Inspectrice du travail"))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:manage", args=[registration.token])
    assert registration.status == Status.CONFIRMED
    assert registration.email == "amina@example.org"
    assert registration.user == participant
    assert registration.position == "Inspectrice du travail"
    page = client.get(response.url)
    assert fr("Your registration is confirmed. We have sent you an email.") in text(page)
    assert "Inspectrice du travail" in text(page)


def test_bad_input_gives_translated_errors_and_keeps_what_was_typed(
    client, participant, open_workshop
):
    event = open_workshop()
    data = form_data(phone="call me", first_name="أمينة", position="Chargée d'études <b>")
    data.pop("accepts_privacy_notice")
    data.pop("proposed_organisation")

    response = client.post(register_url(event), data)

    assert response.status_code == 200
    assert not Registration.objects.exists()
    page = text(response)
    assert (
        fr("Some fields need correcting: see the messages below. What you typed has been kept.")
        in page
    )
    assert fr("Enter a phone number with 6 to 15 digits, for example +216 71 123 456.") in page
    assert (
        fr("Write this name in Latin script: the name in Arabic script has its own field.") in page
    )
    assert (
        fr(
            "Accept the privacy notice to register: we cannot organise your participation "
            "without your details."
        )
        in page
    )
    assert (
        fr("Choose your organisation in the list, or write its name below if it is not there.")
        in page
    )
    assert field_value(response, "phone") == "call me"
    assert field_value(response, "position") == "Chargée d'études <b>"
    assert selected(response, "country") == "TN"


def test_errors_read_in_the_pages_language(client, participant, open_workshop):
    event = open_workshop()
    data = form_data()
    data.pop("accepts_privacy_notice")

    response = client.post(register_url(event, "ar"), data)

    with translation.override("ar"):
        expected = gettext(
            "Accept the privacy notice to register: we cannot organise your participation "
            "without your details."
        )
    assert expected in text(response)
    assert '<html lang="ar" dir="rtl">' in response.text


def test_an_organisation_of_the_registry_replaces_a_proposed_one(
    client, participant, open_workshop, make_organisation
):
    event = open_workshop()
    ministry = make_organisation(country="TN")
    hidden = make_organisation(fr="Organisation non publique", is_public=False)

    form = client.get(register_url(event))
    assert str(ministry) in form.text
    assert "Organisation non publique" not in form.text

    client.post(
        register_url(event),
        form_data(
            organisation=ministry.pk, proposed_organisation="Autre", constituency="government"
        ),
    )

    registration = Registration.objects.get()
    assert registration.organisation == ministry
    assert registration.proposed_organisation == ""
    # An organisation that is not listed cannot be picked by its number.
    response = client.post(register_url(event), form_data(organisation=hidden.pk))
    assert response.status_code == 200


def test_organisations_are_grouped_by_country(client, open_workshop, make_organisation):
    event = open_workshop()
    make_organisation(fr="Ministère marocain", country="MA")
    make_organisation(fr="OIT", country="", kind="international_organisation")

    html = client.get(register_url(event)).content.decode()

    with translation.override("fr"):
        morocco = gettext("Morocco")
        elsewhere = gettext("Other countries and international")
    assert re.search(
        rf'<optgroup label="{morocco}">\s*<option value="\d+">Ministère marocain', html
    )
    assert re.search(rf'<optgroup label="{elsewhere}">\s*<option value="\d+">OIT', html)


def test_workshop_questions_are_asked_in_the_language_and_stored(
    client, participant, open_workshop
):
    event = open_workshop()
    text_question = RegistrationQuestion.objects.create(
        event=event, label="Vos attentes ?", label_ar="ما هي توقعاتك؟", kind="text", required=True
    )
    choice = RegistrationQuestion.objects.create(
        event=event,
        label="Session",
        label_ar="الجلسة",
        kind="choice",
        choices="Matin\nAprès-midi",
        choices_ar="صباحا\nمساء",
    )
    yes_no = RegistrationQuestion.objects.create(
        event=event, label="Première participation ?", label_ar="أول مشاركة؟", kind="yes_no"
    )

    arabic = client.get(register_url(event, "ar"))
    assert "ما هي توقعاتك؟" in arabic.text
    assert "مساء" in arabic.text

    missing = client.post(register_url(event), form_data())
    assert missing.status_code == 200
    assert fr("This field is required.") in text(missing)

    client.post(
        register_url(event),
        form_data(
            **{
                f"question_{text_question.pk}": "Apprendre",
                f"question_{choice.pk}": "1",
                f"question_{yes_no.pk}": "no",
            }
        ),
    )

    assert Registration.objects.get().answers == {
        str(text_question.pk): "Apprendre",
        str(choice.pk): 1,
        str(yes_no.pk): False,
    }


def test_invitation_letter_needs_a_passport_number(client, participant, open_workshop):
    event = open_workshop(invitation_letters_enabled=True)

    response = client.post(register_url(event), form_data(wants_invitation_letter="on"))

    assert fr("Give your passport number: the invitation letter must name it.") in text(response)
    client.post(
        register_url(event), form_data(wants_invitation_letter="on", passport_number="X1234567")
    )
    registration = Registration.objects.get()
    assert registration.wants_invitation_letter
    assert registration.passport_number == "X1234567"


def test_text_loses_control_characters_and_bidi_overrides(client, participant, open_workshop):
    event = open_workshop()

    client.post(
        register_url(event),
        form_data(
            first_name="Am\x00ina\u202e",
            last_name_ar="بن\u2066 صالح",
            position="Chargée\x07 d'études",
            dietary_needs="Sans gluten\r\nVégétarien\u202d",
        ),
    )

    registration = Registration.objects.get()
    assert registration.first_name == "Amina"
    assert registration.last_name_ar == "بن صالح"
    assert registration.position == "Chargée d'études"
    assert registration.dietary_needs == "Sans gluten\nVégétarien"


def test_form_starts_from_the_users_person_in_the_registry(
    client, participant, open_workshop, make_organisation
):
    event = open_workshop()
    union = make_organisation(fr="UGTT", kind="workers_organisation", country="TN")
    person = Person.objects.create(
        first_name="Amina",
        last_name="Trabelsi",
        first_name_ar="أمينة",
        gender="woman",
        user=participant,
    )
    Affiliation.objects.create(person=person, organisation=union, position="Secrétaire générale")

    response = client.get(register_url(event))

    assert field_value(response, "last_name") == "Trabelsi"
    assert field_value(response, "position") == "Secrétaire générale"
    assert selected(response, "organisation") == str(union.pk)
    assert selected(response, "constituency") == "workers"
    assert selected(response, "country") == "TN"
    assert selected(response, "preferred_language") == "fr"


def test_waiting_list_and_approval_say_so(client, make_user, open_workshop, make_registration):
    full = open_workshop(capacity=1)
    make_registration(full)
    by_approval = open_workshop(mode=Mode.APPROVAL)
    user = make_user(email="second@example.org")
    client.force_login(user)

    waiting = client.post(register_url(full), form_data(), follow=True)
    pending = client.post(register_url(by_approval), form_data(), follow=True)

    assert Registration.objects.get(event=full, user=user).status == Status.WAITLISTED
    assert Registration.objects.get(event=by_approval, user=user).status == Status.PENDING
    assert fr(
        "The workshop is full: you are on the waiting list. We will write to you if a seat "
        "frees up."
    ) in text(waiting)
    assert fr(
        "Your registration has been received. The project team will review it and write to you."
    ) in text(pending)


def test_a_refusal_of_the_seat_rules_keeps_the_form(
    client, participant, open_workshop, make_registration, make_organisation
):
    event = open_workshop(capacity=10, waitlist_enabled=False)
    RegistrationQuota.objects.create(event=event, constituency="workers", seats=1)
    union = make_organisation(fr="UGTT", kind="workers_organisation", country="TN")
    make_registration(event, organisation=union, proposed_organisation="")

    response = client.post(
        register_url(event),
        form_data(position="Syndicaliste", organisation=union.pk, proposed_organisation=""),
    )

    assert response.status_code == 200
    with translation.override("fr"):
        assert gettext("The workshop is full.") in text(response)
    assert field_value(response, "position") == "Syndicaliste"
    assert not Registration.objects.filter(user=participant).exists()


def test_already_registered_is_told_and_not_registered_twice(
    client, participant, open_workshop, make_registration
):
    event = open_workshop()
    registration = make_registration(event, user=participant)

    page = client.get(register_url(event))
    client.post(register_url(event), form_data())

    assert reverse("events:manage", args=[registration.token]) in page.text
    assert 'name="first_name"' not in page.text
    assert Registration.objects.filter(user=participant).count() == 1


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"mode": Mode.CLOSED}, "Registration is not open for this workshop."),
        (
            {"registration_closes_at": datetime.timedelta(hours=-1)},
            "Registration for this workshop has closed.",
        ),
        (
            {"capacity": 0, "waitlist_enabled": False},
            "All the seats have been taken, and this workshop has no waiting list.",
        ),
    ],
)
def test_closed_registration_shows_why_and_refuses(
    client, participant, open_workshop, settings, message
):
    if "registration_closes_at" in settings:
        settings = {"registration_closes_at": timezone.now() + settings["registration_closes_at"]}
    event = open_workshop(**settings)

    page = client.get(register_url(event))
    posted = client.post(register_url(event), form_data())

    assert fr(message) in text(page)
    assert 'name="first_name"' not in page.text
    assert fr(message) in text(posted)
    assert not Registration.objects.exists()


def test_not_yet_open_says_when_it_opens(client, participant, open_workshop):
    opens = timezone.now() + datetime.timedelta(days=3)
    event = open_workshop(registration_opens_at=opens)

    page = client.get(register_url(event))
    client.post(register_url(event), form_data())

    local = timezone.localtime(opens, event.zone)
    assert f"{local:%H:%M}" in text(page)
    assert fr("Registration opens on %(date)s.", date="").rstrip(".") in text(page)
    assert not Registration.objects.exists()


def test_invitation_only_needs_the_invitation_of_the_users_email(client, make_user, open_workshop):
    event = open_workshop(mode=Mode.INVITATION)
    invitation = Invitation.objects.create(event=event, email="Invited@Example.org")
    other = Invitation.objects.create(
        event=open_workshop(mode=Mode.INVITATION), email="invited@example.org"
    )
    url = register_url(event)
    intruder = make_user(email="intruder@example.org")
    client.force_login(intruder)

    without = client.post(url, form_data())
    foreign = client.post(f"{url}?invitation={invitation.token}", form_data())
    elsewhere = client.get(f"{url}?invitation={other.token}")

    invitation_only = fr(
        "This workshop is by personal invitation only. Use the link in your invitation email."
    )
    assert invitation_only in text(without)
    assert invitation_only in text(elsewhere)
    assert fr(
        "This invitation was sent to another email address: log out, then log in with the "
        "address that received it."
    ) in text(foreign)
    assert not Registration.objects.exists()

    invited = make_user(email="invited@example.org")
    client.force_login(invited)
    response = client.post(f"{url}?invitation={invitation.token}", form_data())

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.invitation == invitation
    assert registration.user == invited
    # The link works once.
    client.force_login(make_user(email="someone@example.org"))
    assert fr("This invitation has already been used to register.") in text(
        client.get(f"{url}?invitation={invitation.token}")
    )


def test_anonymous_visitor_signs_up_confirms_and_finds_the_form_filled(
    client, open_workshop, password, django_capture_on_commit_callbacks
):
    event = open_workshop()
    url = register_url(event)

    response = client.post(url, form_data(position="Économiste", dietary_needs="Végétarien"))

    assert response.status_code == 302
    signup = urlsplit(response.url)
    assert signup.path == reverse("account_signup")
    assert parse_qs(signup.query)["next"] == [url]
    assert not Registration.objects.exists()

    response = client.post(
        response.url,
        {"email": "new@example.org", "password1": password, "password2": password, "next": url},
    )
    assert response.status_code == 302
    link = re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert response.url == url
    form = client.get(url)
    assert field_value(form, "position") == "Économiste"
    assert "Végétarien" in form.text
    assert fr("The form holds what you typed before logging in: check it, then send it.") in text(
        form
    )

    data = form_data(position="Économiste", dietary_needs="Végétarien")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, data)

    registration = Registration.objects.get()
    assert done.url == reverse("events:manage", args=[registration.token])
    assert registration.email == "new@example.org"
    assert registration.position == "Économiste"
    assert registration.status == Status.CONFIRMED
    # The draft is gone once used.
    assert f"registration_draft_{event.pk}" not in client.session


def test_edit_changes_the_needs_but_not_what_the_quotas_count(
    client, participant, open_workshop, make_registration
):
    event = open_workshop(invitation_letters_enabled=True)
    registration = make_registration(event, user=participant)
    url = reverse("events:edit", args=[registration.token])

    form = client.get(url)
    assert 'name="constituency"' not in form.text
    assert 'name="passport_number"' in form.text
    bad = client.post(url, {"position": "", "preferred_language": "ar", "phone": "x"})
    assert fr("This field is required.") in text(bad)
    response = client.post(
        url,
        {
            "position": "Directrice",
            "preferred_language": "ar",
            "dietary_needs": "Halal",
            "constituency": "government",
            "country": "MA",
            "consents_to_photos": "on",
        },
    )

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.position == "Directrice"
    assert registration.preferred_language == "ar"
    assert registration.dietary_needs == "Halal"
    assert registration.consents_to_photos
    assert (registration.constituency, registration.country) == ("workers", "TN")
    assert fr("Your registration has been updated.") in text(client.get(response.url))


def test_cancel_asks_then_cancels_and_frees_the_seat(
    client, participant, open_workshop, make_registration, django_capture_on_commit_callbacks
):
    event = open_workshop(capacity=1)
    mine = make_registration(event, user=participant)
    waiting = make_registration(event)
    url = reverse("events:cancel", args=[mine.token])

    assert client.get(url).status_code == 200
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    page = client.get(response.url)
    assert fr("Your registration has been cancelled.") in text(page)
    assert reverse("events:cancel", args=[mine.token]) not in page.text
    assert reverse("events:badge", args=[mine.token]) not in page.text


def test_manage_page_links_the_documents_it_has(client, open_workshop, make_registration):
    event = open_workshop(invitation_letters_enabled=True)
    registration = make_registration(event, wants_invitation_letter=True, passport_number="X1")
    url = reverse("events:manage", args=[registration.token])

    page = client.get(url)
    assert reverse("events:badge", args=[registration.token]) in page.text
    assert reverse("events:invitation_letter", args=[registration.token]) in page.text
    assert reverse("events:certificate", args=[registration.token]) not in page.text
    assert event.url + "calendar.ics" in page.text

    registration.attendances.create(day=event.start_date)
    assert reverse("events:certificate", args=[registration.token]) in client.get(url).text


def test_event_page_box_shows_the_state_and_the_users_registration(
    client, make_user, open_workshop, make_registration
):
    event = open_workshop(capacity=5)

    anonymous = client.get(event.url)
    assert register_url(event) in anonymous.text
    with translation.override("fr"):
        assert ngettext("%(seats)s seat left.", "%(seats)s seats left.", 5) % {"seats": 5} in text(
            anonymous
        )

    user = make_user(email="box@example.org")
    registration = make_registration(event, user=user)
    client.force_login(user)
    page = client.get(event.url)

    assert reverse("events:manage", args=[registration.token]) in page.text
    with translation.override("fr"):
        assert str(Status.CONFIRMED.label) in text(page)


def test_event_page_box_says_when_registration_is_closed(client, make_event):
    event = make_event(
        registration_mode=Mode.OPEN,
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    closed_mode = make_event()

    assert fr("Registration for this workshop has closed.") in text(client.get(event.url))
    assert register_url(event) not in client.get(event.url).text
    assert 'id="registration-box-title"' not in client.get(closed_mode.url).text
