"""Whatever is typed into the registration and edit forms, the answer is a page, never a 5xx.

Arabic text, bidi overrides, NUL and other control characters, 10 000-character values and
numbers too large for the database go into every field (and the invitation token). Run on
PostgreSQL too (DATABASE_URL=postgres://…): it refuses NUL and over-long values where SQLite
does not.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.forms import RegistrationEditForm, RegistrationForm
from events.models import Registration, RegistrationQuestion

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    "أمينة بن صالح",
    "\u202eevil.exe\u202c",
    "\u2067عربي\u2069 mixed",
    "\x00",
    "nul\x00in the middle",
    "\x1b[31mred\r\n\x07",
    "a" * 10_000,
    "ب" * 10_000,
    "9" * 10_000,
    "99999999999999999999",
    "-1",
    "TN",
    "workers",
    "on",
    "yes",
    "0",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]
value = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))


def fuzz(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


def names(form_class, questions):
    fields = list(form_class.Meta.fields) + [f"question_{q.pk}" for q in questions]
    return fields + ["csrfmiddlewaretoken", "unknown"]


@pytest.fixture
def workshop(open_workshop):
    event = open_workshop(invitation_letters_enabled=True, with_agenda=False)
    RegistrationQuestion.objects.create(event=event, label="Texte", kind="text", required=True)
    RegistrationQuestion.objects.create(
        event=event, label="Choix", kind="choice", choices="Un\nDeux"
    )
    RegistrationQuestion.objects.create(event=event, label="Oui ou non", kind="yes_no")
    return event


@pytest.fixture
def participant(client, make_user):
    user = make_user(email="fuzz@example.org")
    client.force_login(user)
    return user


# Each example posts a whole form (a tenth of a second or more): a few dozen examples a run, and
# every run draws new ones.
@fuzz(15)
@given(data=st.data())
def test_registration_form_never_fails(client, workshop, participant, data):
    fields = names(RegistrationForm, workshop.registration_questions.all())
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, value)))
    token = data.draw(value)
    language = data.draw(st.sampled_from(["fr", "ar", "en"]))
    with translation.override(language):
        url = f"{workshop.url}register/"

    response = client.post(url, posted, query_params={"invitation": token})

    assert response.status_code < 500
    Registration.objects.filter(user=participant).delete()


@fuzz(10)
@given(data=st.data())
def test_anonymous_draft_never_fails(client, workshop, data):
    """A visitor's draft goes into the session and back into the form."""
    fields = names(RegistrationForm, workshop.registration_questions.all())
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, value)))
    url = f"{workshop.url}register/"

    assert client.post(url, posted).status_code < 500
    assert client.get(url).status_code < 500


@fuzz(30)
@given(data=st.data())
def test_edit_form_never_fails(client, workshop, make_registration, data):
    registration = Registration.objects.first() or make_registration(workshop)
    fields = names(RegistrationEditForm, workshop.registration_questions.all())
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, value)))

    response = client.post(reverse("events:edit", args=[registration.token]), posted)
    token = data.draw(value.filter(lambda text: "/" not in text and text))
    for view in ("events:manage", "events:edit", "events:cancel"):
        # The token as a link could carry it (the route refuses a non-token: no reverse()).
        url = reverse(view, args=["TOKEN"]).replace("TOKEN", quote(token, safe=""))
        assert client.get(url).status_code < 500

    assert response.status_code < 500
    assert client.get(reverse("events:manage", args=[registration.token])).status_code == 200
