"""modeltranslation's original field follows the active language: guard the French slugs."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from home.models import ContentPage

from .conftest import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_editor(client, make_user):
    editor = make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(editor, generate_totp_secret())
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(editor)
    return editor


def edit_form(page, **changes):
    fields = {
        f"{name}_{language}": getattr(page, f"{name}_{language}") or ""
        for name in ("title", "slug", "introduction")
        for language in ("fr", "ar", "en")
    }
    fields.update(changes)
    for language in ("fr", "ar", "en"):
        fields[f"body_{language}"] = streamfield([])
    return nested_form_data({**fields, "country": page.country, "action-publish": "publish"})


def test_editing_in_the_arabic_admin_leaves_the_french_slug_alone(
    client, project_page, arabic_editor
):
    response = client.get(f"/admin/pages/{project_page.pk}/edit/")
    assert 'lang="ar"' in response.text
    response = client.post(
        f"/admin/pages/{project_page.pk}/edit/",
        edit_form(project_page, title_ar="عن المشروع", slug_ar="عن-المشروع"),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ContentPage.objects.get(pk=project_page.pk)
    assert (page.slug_fr, page.slug_en, page.slug_ar) == ("projet", "project", "عن-المشروع")
    assert (page.title_fr, page.title_ar) == ("Le projet", "عن المشروع")
    assert client.get("/fr/projet/").status_code == 200
    assert client.get("/ar/عن-المشروع/").status_code == 200
    assert client.get("/ar/المشروع/").status_code == 404


def test_renaming_a_parents_slug_moves_its_children_in_that_language(
    client, project_page, arabic_editor
):
    child = ContentPage(
        **translated("title", "Objectifs", "الأهداف", "Objectives"),
        **translated("slug", "objectifs", "الأهداف", "objectives"),
    )
    project_page.add_child(instance=child)
    response = client.post(
        f"/admin/pages/{project_page.pk}/edit/", edit_form(project_page, slug_en="about")
    )
    assert response.status_code == 302
    assert client.get("/en/about/objectives/").status_code == 200
    assert client.get("/en/project/objectives/").status_code == 404
    assert client.get("/fr/projet/objectifs/").status_code == 200
    assert client.get("/ar/المشروع/الأهداف/").status_code == 200
