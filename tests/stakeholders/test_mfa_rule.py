"""Focal points and signatories must have TOTP to reach the partner space and protocol signing."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.routes import route

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/fr/accounts/2fa/totp/activate/"
SIGNING = route("stakeholders:protocol_designations")
SPACE = route("stakeholders:partner_space:home")


@pytest.fixture
def organisation(make_organisation):
    return make_organisation("Institut national de la statistique", acronym="INS")


def test_focal_point_without_totp_is_sent_to_set_it_up_with_a_message(
    client, organisation, make_focal_point
):
    client.force_login(make_focal_point(organisation, totp=False))
    for path in (SPACE, route("stakeholders:partner_space:contact", organisation.pk)):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == TOTP_SETUP
    [message] = list(get_messages(response.wsgi_request))[-1:]
    english = (
        "Focal points and signatories must use two-factor authentication. Set it up to continue."
    )
    with translation.override("fr"):
        french = translation.gettext(english)
    assert french != english, "not translated"
    assert str(message) == french


def test_the_redirect_keeps_the_language(client, organisation, make_focal_point):
    client.force_login(make_focal_point(organisation, totp=False))
    response = client.get(route("stakeholders:partner_space:home", language="ar"))
    assert response["Location"] == "/ar/accounts/2fa/totp/activate/"


def test_a_post_without_totp_changes_nothing(client, organisation, make_focal_point):
    client.force_login(make_focal_point(organisation, totp=False))
    response = client.post(
        route("stakeholders:partner_space:contact", organisation.pk), {"email": "x@example.org"}
    )
    assert response.status_code == 302 and response["Location"] == TOTP_SETUP
    organisation.refresh_from_db()
    assert organisation.email == ""


def test_signatory_without_totp_is_sent_to_set_it_up_before_signing(
    client, organisation, make_focal_point
):
    client.force_login(
        make_focal_point(organisation, totp=False, focal_point=False, signatory=True)
    )
    response = client.get(SIGNING)
    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_focal_point_without_totp_still_reaches_account_pages_and_public_pages(
    client, organisation, make_focal_point, directory_page
):
    client.force_login(make_focal_point(organisation, totp=False))
    # allauth's own TOTP setup first asks to confirm the password: its flow, not ours.
    response = client.get(TOTP_SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/reauthenticate/")
    for path in ("/fr/accounts/reauthenticate/", "/fr/accounts/email/", "/fr/annuaire/", "/fr/"):
        assert client.get(path).status_code == 200, path


def test_focal_point_with_totp_reaches_the_partner_space(client, organisation, make_focal_point):
    client.force_login(make_focal_point(organisation))
    assert client.get(SPACE).status_code == 200
    assert (
        client.get(route("stakeholders:partner_space:organisation", organisation.pk)).status_code
        == 200
    )


def test_signatory_with_totp_reaches_protocol_signing(client, organisation, make_focal_point):
    client.force_login(make_focal_point(organisation, focal_point=False, signatory=True))
    assert client.get(SIGNING).status_code == 200


@pytest.mark.parametrize("path", [SPACE, SIGNING])
def test_accounts_without_a_designation_are_not_asked_for_totp(
    client, organisation, make_user, make_focal_point, path
):
    client.force_login(make_user())
    assert client.get(path).status_code == 200
    # A person of the organisation who is neither focal point nor signatory.
    client.force_login(make_focal_point(organisation, totp=False, focal_point=False))
    assert client.get(path).status_code == 200


def test_a_former_focal_point_is_not_asked_for_totp(client, organisation, make_focal_point):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(make_focal_point(organisation, totp=False, until=yesterday))
    assert client.get(SPACE).status_code == 200


def test_a_focal_point_until_today_is_still_asked(client, organisation, make_focal_point):
    client.force_login(make_focal_point(organisation, totp=False, until=timezone.localdate()))
    assert client.get(SPACE).status_code == 302


def test_the_staff_setting_governs_the_partner_rule_too(
    client, organisation, make_focal_point, settings
):
    settings.AMEM_STAFF_MFA_REQUIRED = False
    client.force_login(make_focal_point(organisation, totp=False))
    assert client.get(SPACE).status_code == 200
    assert client.get(SIGNING).status_code == 200


def test_recovery_codes_alone_are_not_enough(client, organisation, make_focal_point):
    user = make_focal_point(organisation, totp=False)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x", "used_mask": 0}
    )
    client.force_login(user)
    assert client.get(SPACE).status_code == 302


def test_the_rule_costs_one_query_on_its_urls_and_none_elsewhere(
    client, organisation, make_focal_point, settings
):
    client.force_login(make_focal_point(organisation))

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    queries(SPACE)  # the first request after logging in saves the session
    on = queries(SPACE)
    elsewhere_on = queries("/fr/accounts/email/")
    settings.AMEM_STAFF_MFA_REQUIRED = False
    assert queries(SPACE) == on - 1
    assert queries("/fr/accounts/email/") == elsewhere_on
