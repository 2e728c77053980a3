"""A participant's registrations: their own list, and a registration reached by its secret token.

The permission matrix's participant row: a participant reaches only their own registrations; a
token opens its registration and no other; another user's registration is neither listed nor
reachable by a guessed address.
"""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.models import Registration

pytestmark = pytest.mark.django_db


def text(response):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def two_participants(make_user, open_workshop, make_registration):
    workshop = open_workshop()
    amina = make_user(email="amina@example.org")
    karim = make_user(email="karim@example.org")
    return {
        "workshop": workshop,
        "amina": amina,
        "karim": karim,
        "aminas": make_registration(
            workshop, user=amina, last_name="Trabelsi", phone="+216 71 111 111"
        ),
        "karims": make_registration(
            workshop,
            user=karim,
            first_name="Karim",
            last_name="Ould Ahmed",
            phone="+222 45 222 222",
        ),
    }


def test_my_registrations_lists_only_the_users_own(client, two_participants):
    client.force_login(two_participants["amina"])

    response = client.get(reverse("events:my_registrations"))

    assert response.status_code == 200
    aminas, karims = two_participants["aminas"], two_participants["karims"]
    assert reverse("events:manage", args=[aminas.token]) in response.text
    assert reverse("events:manage", args=[karims.token]) not in response.text
    assert two_participants["workshop"].title in text(response)
    with translation.override("fr"):
        assert gettext("Confirmed") in text(response)


def test_my_registrations_needs_an_account(client):
    response = client.get(reverse("events:my_registrations"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_token_opens_its_registration_and_no_other(client, two_participants):
    aminas = two_participants["aminas"]
    client.force_login(two_participants["karim"])  # the token is the key, whoever holds it

    page = text(client.get(reverse("events:manage", args=[aminas.token])))

    assert "Trabelsi" in page
    assert "+216 71 111 111" in page
    assert "Ould Ahmed" not in page
    assert "+222 45 222 222" not in page


@pytest.mark.parametrize("view", ["events:manage", "events:edit", "events:cancel"])
def test_an_unknown_or_altered_token_is_a_404(client, two_participants, view):
    token = two_participants["aminas"].token
    client.force_login(two_participants["amina"])

    for wrong in (token[:-1], token + "x", str(two_participants["aminas"].pk), "x" * 500):
        # Built by hand: the route refuses a string that is no token, so reverse() would too.
        url = reverse(view, args=["TOKEN"]).replace("TOKEN", wrong)
        assert client.get(url).status_code == 404
    assert client.post(reverse("events:cancel", args=[token[:-1]])).status_code == 404
    assert Registration.objects.get(pk=two_participants["aminas"].pk).is_active


def test_cancelling_by_one_token_leaves_the_others_registration(client, two_participants):
    client.post(reverse("events:cancel", args=[two_participants["aminas"].token]))

    statuses = dict(Registration.objects.values_list("user__email", "status"))
    assert statuses == {"amina@example.org": "cancelled", "karim@example.org": "confirmed"}


def test_my_registrations_is_paginated(client, make_user, open_workshop, make_registration):
    user = make_user(email="busy@example.org")
    for _number in range(12):
        make_registration(open_workshop(), user=user)
    client.force_login(user)

    first = client.get(reverse("events:my_registrations"))
    second = client.get(reverse("events:my_registrations"), {"page": 2})

    assert first.text.count('class="partner-list__item registration-list__item"') == 10
    assert second.text.count('class="partner-list__item registration-list__item"') == 2
    assert 'rel="next"' in first.text


def test_my_registrations_costs_the_same_queries_for_1_and_20(
    client, make_user, open_workshop, make_registration, django_assert_max_num_queries
):
    user = make_user(email="counted@example.org")
    make_registration(open_workshop(), user=user)
    client.force_login(user)
    url = reverse("events:my_registrations")
    client.get(url)  # Wagtail's site root paths are cached from then on
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    with_one = len(one)  # read now: the next request empties the connection's query log
    for _number in range(19):
        make_registration(open_workshop(), user=user)
    client.get(url)  # a write: the site-wide parts are computed again

    with django_assert_max_num_queries(with_one):
        response = client.get(url, {"page": 2})
    assert response.text.count('class="partner-list__item registration-list__item"') == 10
    with django_assert_max_num_queries(with_one):
        client.get(url)
