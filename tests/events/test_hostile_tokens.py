"""A registration's pages and the badge's check-in refuse a token that cannot be one (404)
before it reaches the database: PostgreSQL refused a NUL byte with a 500 (CI's PostgreSQL pass
runs these)."""

import pytest
from django.urls import reverse

from tests.routes import route

HOSTILE = ["%00", "a%00b", "..%2F..%2Fetc", "%E2%80%AEabc", "x" * 65, "%C2%B2", "%D9%A1"]
PAGES = ["events:manage", "events:badge", "events:invitation_letter", "events:certificate"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("token", HOSTILE)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_registration_pages_answer_404_to_a_token_that_cannot_be_one(client, name, token, language):
    sample = route(name, "TOKEN", language=language)

    response = client.get(sample.replace("TOKEN", token))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("token", HOSTILE)
def test_check_in_answers_404_to_a_code_that_cannot_be_one(client, token):
    sample = reverse("events:check_in", kwargs={"code": "CODE"})

    response = client.get(sample.replace("CODE", token))

    assert response.status_code == 404
