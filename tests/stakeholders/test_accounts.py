# ruff: noqa: F811 - the email fixtures of tests/site are imported, then used as arguments
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.site.conftest import work  # noqa: F401 - a fixture
from tests.site.test_email_delivery import mail_server  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
ACCOUNT_EMAIL = "stakeholders.adapters.send_account_email"


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_anonymous_admin_visit_ends_on_allauth_login_in_current_language(client):
    response = client.get("/admin/", headers={"accept-language": "ar"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/ar/accounts/login/?next=/admin/")
    assert 'lang="ar" dir="rtl"' in html_tag(response)
    assert 'name="password"' in response.content.decode()


def test_participant_visiting_the_admin_is_offered_another_login_not_a_loop(client, make_user):
    client.force_login(make_user(email="participant@example.org"))
    response = client.get("/admin/", headers={"accept-language": "fr"}, follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) <= 3
    assert response.redirect_chain[-1][0].startswith("/fr/accounts/login/?next=/admin/")
    assert 'name="password"' in response.content.decode()


def test_posting_to_the_admins_own_login_form_logs_nobody_in(client, make_user, password):
    make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/login/", {"username": "editor@example.org", "password": password}
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_login_through_allauth_reaches_the_admin(client, make_user, password, settings):
    settings.AMEM_STAFF_MFA_REQUIRED = False
    make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    response = client.post(
        "/fr/accounts/login/?next=/admin/",
        {"login": "editor@example.org", "password": password},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_totp_is_sent_to_set_it_up(client, make_user):
    client.force_login(make_user(email="editor@example.org", is_staff=True, is_superuser=True))
    for url in ("/admin/", "/admin/pages/"):
        response = client.get(url, headers={"accept-language": "fr"})
        assert response.status_code == 302, url
        assert response["Location"] == "/fr/accounts/2fa/totp/activate/"


def test_staff_with_totp_reaches_the_admin(client, make_user):
    user = make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user).exists()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_participants_without_totp_are_not_asked_for_it(client, make_user):
    client.force_login(make_user())
    response = client.get("/fr/accounts/email/")
    assert response.status_code == 200


def test_sixth_wrong_password_is_refused_even_with_the_right_password(client, make_user, password):
    make_user(email="participant@example.org")
    for _attempt in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "participant@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = client.post(
        "/en/accounts/login/", {"login": "participant@example.org", "password": password}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts. Try again later." in response.content.decode()


def test_signup_requires_email_verification(client, password):
    response = client.post(
        "/fr/accounts/signup/",
        {"email": "new@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    link = re.search(r"http://testserver(/fr/accounts/confirm-email/[^\s]+)", message.body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_signup_errors_are_translated_and_keep_what_was_typed(client):
    response = client.post(
        "/ar/accounts/signup/",
        {"email": "new@example.org", "password1": "abc", "password2": "abd"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="new@example.org"' in page
    assert 'lang="ar" dir="rtl"' in html_tag(response)
    assert "errorlist" in page


def test_password_reset_sends_a_link(client, make_user):
    make_user(email="participant@example.org")
    response = client.post("/en/accounts/password/reset/", {"email": "participant@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "/en/accounts/password/reset/key/" in message.body


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_allauth_pages_use_the_site_layout_in_each_language(client, language, direction):
    for name in ("login", "signup", "password/reset"):
        response = client.get(f"/{language}/accounts/{name}/")
        assert response.status_code == 200
        assert f'lang="{language}" dir="{direction}"' in html_tag(response)
        assert 'class="skip-link"' in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signup_confirmation_waits_for_the_mail_server_and_goes_out_once(
    client, password, mail_server, work
):
    response = client.post(
        "/fr/accounts/signup/",
        {"email": "new@example.org", "password1": password, "password2": password},
    )
    # The mail server is down: the signup still goes through, the email waits in the queue.
    assert response.status_code == 302
    work()
    assert DBTaskResult.objects.filter(task_path=ACCOUNT_EMAIL, status="READY").count() == 1

    mail_server.start()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    work()
    work()

    [received] = mail_server.received
    assert received["To"].addresses[0].addr_spec == "new@example.org"
    assert "/fr/accounts/confirm-email/" in received.get_body(("plain", "html")).get_content()
