"""Who sees which recommendation: the visibility rules, the partner space's pages, evidence files,
and the recommendations section of an organisation's admin page."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import translation

from stakeholders import recommendations as rules
from stakeholders.models import ProgressEvidence, ProgressUpdate, Recommendation
from tests.routes import route

pytestmark = pytest.mark.django_db

SPACE = route("stakeholders:recommendations:list")
RECOMMENDATION_PERMISSIONS = [
    f"stakeholders.{action}_recommendation" for action in ("add", "change", "delete", "view")
]
_numbers = itertools.count(1)


@pytest.fixture
def make_recommendation(db):
    """make_recommendation(lead, supporting=(), public=False, **fields)."""

    def make(lead=None, *, supporting=(), public=False, **fields):
        number = next(_numbers)
        title = fields.pop("title", f"Recommandation {number}")
        recommendation = Recommendation.objects.create(
            reference=fields.pop("reference", f"TN-SIM-2024-R{number:02}"),
            title=title,
            title_fr=title,
            title_ar=fields.pop("title_ar", f"توصية {number}"),
            title_en=fields.pop("title_en", f"Recommendation {number}"),
            text=f"Texte de la recommandation {number}.",
            text_fr=f"Texte de la recommandation {number}.",
            axis=fields.pop("axis", "governance"),
            country=fields.pop("country", "TN"),
            lead_organisation=lead,
            is_public=public,
            **fields,
        )
        recommendation.supporting_organisations.set(supporting)
        return recommendation

    return make


@pytest.fixture
def org_a(make_organisation):
    return make_organisation("Ministère de l'Emploi", acronym="MFPE")


@pytest.fixture
def org_b(make_organisation):
    return make_organisation("Office national de la migration", acronym="ONM", country="MA")


@pytest.fixture
def focal_a(org_a, make_focal_point):
    return make_focal_point(org_a, first_name="Leïla")


@pytest.fixture
def focal_b(org_b, make_focal_point):
    return make_focal_point(org_b, first_name="Karim")


@pytest.fixture
def recommendation_staff(make_admin_user):
    return make_admin_user(
        email="recommendations@example.org", permissions=RECOMMENDATION_PERMISSIONS
    )


@pytest.fixture
def portfolio(org_a, org_b, make_recommendation):
    """A's led and supported ones, B's private and public ones."""
    return {
        "a_led": make_recommendation(org_a),
        "a_supports": make_recommendation(org_b, supporting=[org_a]),
        "b_private": make_recommendation(org_b),
        "b_public": make_recommendation(org_b, public=True),
    }


def references(queryset):
    return sorted(recommendation.reference for recommendation in queryset)


def refs(portfolio, *names):
    return sorted(portfolio[name].reference for name in names)


# Visibility rules


def test_staff_see_every_recommendation(portfolio, recommendation_staff):
    assert references(rules.visible_recommendations(recommendation_staff)) == refs(
        portfolio, "a_led", "a_supports", "b_private", "b_public"
    )


def test_focal_point_sees_public_ones_and_those_of_their_organisations(portfolio, focal_a):
    assert references(rules.visible_recommendations(focal_a)) == refs(
        portfolio, "a_led", "a_supports", "b_public"
    )


def test_anonymous_visitor_sees_public_ones_only(portfolio):
    assert references(rules.visible_recommendations(AnonymousUser())) == refs(portfolio, "b_public")


def test_account_without_affiliation_sees_public_ones_only(portfolio, make_user):
    assert references(rules.visible_recommendations(make_user())) == refs(portfolio, "b_public")


def test_former_focal_point_no_longer_sees_the_organisations_private_ones(
    portfolio, org_a, make_focal_point
):
    import datetime

    former = make_focal_point(org_a, until=datetime.date(2020, 1, 1))

    assert references(rules.recommendations_for_focal_point(former)) == []
    assert references(rules.visible_recommendations(former)) == refs(portfolio, "b_public")


# The partner space


def test_list_shows_what_the_organisation_leads_or_supports(client, portfolio, focal_a):
    client.force_login(focal_a)

    response = client.get(SPACE)

    assert response.status_code == 200
    listed = [item.reference for item in response.context["recommendations"]]
    assert sorted(listed) == refs(portfolio, "a_led", "a_supports")
    assert portfolio["b_private"].title not in response.text
    assert portfolio["b_public"].title not in response.text


def test_list_costs_the_same_queries_at_1_and_21_recommendations(
    client, org_a, org_b, focal_a, make_recommendation, django_assert_max_num_queries
):
    make_recommendation(org_a)
    client.force_login(focal_a)
    with django_assert_max_num_queries(1000) as captured:
        client.get(SPACE)
    at_one = len(captured)
    for _index in range(20):
        make_recommendation(org_b, supporting=[org_a])

    with django_assert_max_num_queries(at_one):
        response = client.get(SPACE)

    assert len(response.context["recommendations"]) == 20


def test_list_is_paginated(client, org_a, focal_a, make_recommendation):
    for _index in range(21):
        make_recommendation(org_a)
    client.force_login(focal_a)

    response = client.get(SPACE + "?page=2")

    assert len(response.context["recommendations"]) == 1


@pytest.mark.parametrize("name", ["b_private", "b_public"])
@pytest.mark.parametrize("page", ["detail", "propose"])
def test_another_organisations_recommendation_is_a_404(client, portfolio, focal_a, name, page):
    client.force_login(focal_a)

    assert (
        client.get(route(f"stakeholders:recommendations:{page}", portfolio[name].pk)).status_code
        == 404
    )


def test_posting_an_update_on_another_organisations_recommendation_is_a_404(
    client, portfolio, focal_a
):
    client.force_login(focal_a)

    response = client.post(
        route("stakeholders:recommendations:propose", portfolio["b_private"].pk),
        {"status": "planned", "progress": "10", "narrative": "Tentative."},
    )

    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_supporting_organisations_focal_point_opens_the_recommendation(client, portfolio, focal_a):
    client.force_login(focal_a)

    response = client.get(route("stakeholders:recommendations:detail", portfolio["a_supports"].pk))

    assert response.status_code == 200
    assert portfolio["a_supports"].text in response.text


def test_pages_ask_to_log_in(client, portfolio):
    response = client.get(route("stakeholders:recommendations:detail", portfolio["b_public"].pk))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_focal_point_without_totp_is_sent_to_set_it_up(client, org_a, make_focal_point):
    client.force_login(make_focal_point(org_a, totp=False))

    response = client.get(SPACE)

    assert response.status_code == 302
    assert "two-factor" in response["Location"] or "totp" in response["Location"]


def test_detail_shows_the_title_in_the_pages_language(client, portfolio, focal_a):
    client.force_login(focal_a)

    response = client.get(
        route("stakeholders:recommendations:detail", portfolio["a_led"].pk, language="ar")
    )

    assert portfolio["a_led"].title_ar in response.text
    assert 'dir="rtl"' in response.text


def test_partner_space_home_links_to_the_recommendations(client, focal_a):
    client.force_login(focal_a)

    response = client.get(route("stakeholders:partner_space:home"))

    with translation.override("fr"):
        assert translation.gettext("Recommendations") in response.text
    assert f'href="{SPACE}"' in response.text


# Evidence files


@pytest.fixture
def evidence_file(portfolio, org_a, focal_a):
    update = ProgressUpdate.objects.create(
        recommendation=portfolio["a_led"],
        author=focal_a,
        organisation=org_a,
        proposed_status="in_progress",
        proposed_progress=40,
        narrative="Décret publié.",
    )
    evidence = ProgressEvidence(update=update, label="Décret")
    evidence.file.save("decret.pdf", ContentFile(b"%PDF-1.4 decree"), save=False)
    evidence.save()
    return evidence


def test_evidence_file_is_served_as_an_attachment_that_is_never_sniffed(
    client, focal_a, evidence_file
):
    client.force_login(focal_a)

    response = client.get(route("stakeholders:recommendations:evidence", evidence_file.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 decree"


def test_evidence_file_of_another_organisation_is_a_404(client, focal_b, evidence_file):
    client.force_login(focal_b)

    assert (
        client.get(route("stakeholders:recommendations:evidence", evidence_file.pk)).status_code
        == 404
    )


def test_staff_download_evidence_from_the_admin(client, recommendation_staff, evidence_file):
    client.force_login(recommendation_staff)
    recommendation = evidence_file.update.recommendation

    response = client.get(
        f"/admin/recommendations/{recommendation.pk}/evidence/{evidence_file.pk}/"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_evidence_needs_a_recommendation_permission(client, editor, evidence_file):
    client.force_login(editor)
    recommendation = evidence_file.update.recommendation

    response = client.get(
        f"/admin/recommendations/{recommendation.pk}/evidence/{evidence_file.pk}/"
    )

    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal


# The admin


def test_admin_listing_filters_and_searches(client, portfolio, recommendation_staff):
    client.force_login(recommendation_staff)

    everything = client.get("/admin/recommendations/")
    public = client.get("/admin/recommendations/?is_public=true")
    found = client.get("/admin/recommendations/?q=" + portfolio["a_led"].reference)

    assert everything.status_code == 200
    assert all(portfolio[name].reference in everything.text for name in portfolio)
    assert [r.reference for r in public.context["object_list"]] == [portfolio["b_public"].reference]
    assert [r.reference for r in found.context["object_list"]] == [portfolio["a_led"].reference]


def test_admin_listing_costs_the_same_queries_at_1_and_21_recommendations(
    client, org_a, org_b, recommendation_staff, make_recommendation, django_assert_max_num_queries
):
    make_recommendation(org_a, supporting=[org_b])
    client.force_login(recommendation_staff)
    with django_assert_max_num_queries(1000) as captured:
        client.get("/admin/recommendations/")
    at_one = len(captured)
    for _index in range(20):
        make_recommendation(org_a, supporting=[org_b])

    with django_assert_max_num_queries(at_one):
        response = client.get("/admin/recommendations/")

    assert len(response.context["object_list"]) == 21


def test_organisation_page_lists_its_recommendations(
    client, portfolio, org_a, recommendation_staff
):
    from django.contrib.auth.models import Permission

    recommendation_staff.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client.force_login(recommendation_staff)

    response = client.get(f"/admin/registry/organisations/inspect/{org_a.pk}/")

    assert response.status_code == 200
    assert portfolio["a_led"].reference in response.text
    assert portfolio["a_supports"].reference in response.text
    assert portfolio["b_private"].reference not in response.text
    with translation.override("fr"):
        placeholder = translation.gettext(
            "The recommendations this organisation is responsible for will appear here."
        )
    assert placeholder not in response.text


def test_staff_add_a_recommendation_whose_status_has_no_field(client, org_a, recommendation_staff):
    client.force_login(recommendation_staff)

    form = client.get("/admin/recommendations/new/")
    response = client.post(
        "/admin/recommendations/new/",
        {
            "reference": "MR-ATL-2025-R03",
            "title_fr": "Former les inspecteurs du travail",
            "title_ar": "تكوين مفتشي الشغل",
            "text_fr": "Former les inspecteurs du travail aux droits des travailleurs migrants.",
            "axis": "capacity",
            "country": "MR",
            "priority": "high",
            "lead_organisation": org_a.pk,
            "status": "implemented",
            "progress": "100",
        },
    )

    assert form.status_code == 200
    assert 'name="status"' not in form.text and 'name="progress"' not in form.text
    assert response.status_code == 302
    created = Recommendation.objects.get(reference="MR-ATL-2025-R03")
    assert (created.title_ar, created.lead_organisation) == ("تكوين مفتشي الشغل", org_a)
    assert (created.status, created.progress) == ("not_started", 0)


def test_detail_links_to_its_source_page(client, org_a, focal_a, make_recommendation, home_page):
    recommendation = make_recommendation(org_a, source_page=home_page)
    client.force_login(focal_a)

    response = client.get(route("stakeholders:recommendations:detail", recommendation.pk))

    assert f'<a href="{home_page.url}">{home_page.title}</a>' in response.text
