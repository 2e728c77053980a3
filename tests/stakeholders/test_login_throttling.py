"""Failed logins are limited per (account, address) and per address: no one can lock out another.

allauth counted failures per account from anywhere: five wrong passwords for someone's address,
typed from anywhere, refused that person's right password for five minutes.
"""

import html

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

LOGIN = "/{language}/accounts/login/"
TOO_MANY_FAILURES = "Too many failed login attempts. Try again later."
STRANGER = "203.0.113.66"
OWNER = "198.51.100.7"


def log_in(client, email, password, address, language="fr", **headers):
    return client.post(
        LOGIN.format(language=language),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def throttled(response, language="fr"):
    with translation.override(language):
        message = gettext(TOO_MANY_FAILURES)
    return message in html.unescape(response.content.decode())


def logged_in(client):
    return "_auth_user_id" in client.session


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out(make_user, password):
    make_user(email="amina@example.org")
    stranger = Client()
    for _attempt in range(10):
        log_in(stranger, "amina@example.org", "wrong", STRANGER)
    # The stranger's own address is throttled for that account…
    assert throttled(log_in(stranger, "amina@example.org", password, STRANGER))
    assert not logged_in(stranger)

    # …its owner, elsewhere, is not.
    owner = Client()
    response = log_in(owner, "amina@example.org", password, OWNER)
    assert response.status_code == 302
    assert logged_in(owner)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."),
        ("ar", "تجاوزت الحد المسموح لمحاولة تسجيل الدخول. حاول في وقت لاحق."),
    ],
    ids=["fr", "ar"],
)
def test_one_account_from_one_address_is_throttled_after_five_failures(
    client, make_user, password, language, expected
):
    make_user(email="amina@example.org")
    for _attempt in range(5):
        response = log_in(client, "amina@example.org", "wrong", OWNER, language)
        assert response.status_code == 200
        assert not throttled(response, language)

    refused = log_in(client, "amina@example.org", password, OWNER, language)
    assert expected in html.unescape(refused.content.decode())
    assert not logged_in(client)


def test_fifty_failures_from_one_address_throttle_it_whatever_the_account(make_user, password):
    make_user(email="karim@example.org")
    sprayer = Client()
    for number in range(50):
        response = log_in(sprayer, f"guess{number}@example.org", "wrong", STRANGER)
        assert not throttled(response)

    # The 51st, even with an account's right password: else guessing right would still pay off.
    assert throttled(log_in(sprayer, "karim@example.org", password, STRANGER))
    assert not logged_in(sprayer)

    karim = Client()
    assert log_in(karim, "karim@example.org", password, OWNER).status_code == 302
    assert logged_in(karim)


def test_behind_the_proxy_each_visitor_counts_as_the_address_it_saw(settings, make_user, password):
    settings.AMEM_TRUSTED_PROXIES = 1
    make_user(email="amina@example.org")
    stranger = Client()
    for number in range(10):
        # The leftmost addresses are the client's to write: changing them escapes nothing.
        spoofed = f"192.0.2.{number}, {STRANGER}"
        log_in(stranger, "amina@example.org", "wrong", "127.0.0.1", HTTP_X_FORWARDED_FOR=spoofed)
    assert throttled(
        log_in(
            stranger,
            "amina@example.org",
            password,
            "127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.99, {STRANGER}",
        )
    )

    # nginx's own address (REMOTE_ADDR) is everyone's: counting it would lock the owner out.
    owner = Client()
    log_in(owner, "amina@example.org", password, "127.0.0.1", HTTP_X_FORWARDED_FOR=OWNER)
    assert logged_in(owner)
