"""A slug already in use names the page that holds it: the draft Wagtail's autosave made."""

import html
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage

from .conftest import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_editor(make_user, home_page):
    """section_editor(email) -> an editor who may add pages under the home page (and so edit
    the pages they made there), as Wagtail's "add" permission gives."""

    def make(email):
        user = make_user(email=email)
        group = Group.objects.create(name=f"Editors {email}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="add_page"
            ),
        )
        user.groups.add(group)
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


def new_page_form(**fields):
    empty_bodies = {f"body_{language}": streamfield([]) for language in ("fr", "ar", "en")}
    return nested_form_data(
        {
            **empty_bodies,
            "title_fr": "Atelier de Tunis",
            "slug_fr": "atelier-de-tunis",
            "introduction_fr": "Deux journées d’échanges tripartites.",
            **fields,
        }
    )


def create(client, parent, data, **headers):
    return client.post(f"/admin/pages/add/home/contentpage/{parent.pk}/", data, headers=headers)


def slug_error(response, language="fr"):
    """The error shown under the slug field of that language, as HTML."""
    errors = re.search(
        rf'data-contentpath="slug_{language}">\s*<div class="w-field__errors"[^>]*>(.*?)</div>',
        response.text,
        re.S,
    )
    shown = re.search(r'<p class="error-message">(.*?)</p>', errors.group(1), re.S)
    return " ".join(shown.group(1).split()) if shown else None


def message(msgid, status=None, **params):
    """The message in the editor's (French) admin; `status` is Wagtail's word for it."""
    with translation.override("fr"):
        if status:
            params["status"] = translation.gettext(status)
        return html.escape(translation.gettext(msgid) % params, quote=False)


def test_autosaved_draft_is_named_and_linked_and_nothing_typed_is_lost(
    client, home_page, section_editor
):
    client.force_login(section_editor("editor@example.org"))
    # Wagtail's autosave posts the create form as JSON: the page becomes a draft, and the
    # browser is sent on to its edit view.
    autosaved = create(client, home_page, new_page_form(), accept="application/json").json()
    draft = ContentPage.objects.get(pk=autosaved["pk"])
    assert autosaved["url"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live

    # The editor left that edit view and starts the same page again.
    again = new_page_form(
        introduction_fr="Version reprise.",
        body_fr=streamfield([("paragraph", rich_text("<p>Programme du premier jour</p>"))]),
    )
    response = create(client, home_page, again)

    assert response.status_code == 200
    assert ContentPage.objects.filter(slug_fr="atelier-de-tunis").count() == 1
    said = message(
        "The page “%(title)s” (%(status)s) already uses this slug here: choose another slug, "
        "or carry on with that page.",
        title="Atelier de Tunis",
        status="draft",
    )
    link = message("Edit “%(title)s”", title="Atelier de Tunis")
    assert slug_error(response) == f'{said} <a href="/admin/pages/{draft.pk}/edit/">{link}</a>'
    form = response.context["form"]
    assert form["title_fr"].value() == "Atelier de Tunis"
    assert form["introduction_fr"].value() == "Version reprise."
    assert "Version reprise." in response.text
    [paragraph] = form["body_fr"].value()
    assert paragraph.block_type == "paragraph"
    assert ">Programme du premier jour</p>" in paragraph.value.source


def test_another_editors_draft_is_named_without_a_link(client, home_page, section_editor):
    author = section_editor("author@example.org")
    draft = ContentPage(
        **translated("title", "Atelier de Tunis", "ورشة تونس", "Tunis workshop"),
        **translated("slug", "atelier-de-tunis", "ورشة-تونس", "tunis-workshop"),
        live=False,
        owner=author,
    )
    home_page.add_child(instance=draft)
    draft.save_revision(user=author)
    client.force_login(section_editor("editor@example.org"))

    response = create(client, home_page, new_page_form())

    assert slug_error(response) == message(
        "The page “%(title)s” (%(status)s) already uses this slug here, and you may not edit "
        "it: choose another slug, or ask an administrator.",
        title="Atelier de Tunis",
        status="draft",
    )
    assert response.context["form"]["introduction_fr"].value() == new_page_form()["introduction_fr"]
    # Naming it tells nothing new: the explorer of the page they add to lists it already.
    assert "Atelier de Tunis" in client.get(f"/admin/pages/{home_page.pk}/").text
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 302


def test_a_translated_slug_names_the_live_page_holding_it(client, home_page, section_editor):
    live = ContentPage(
        **translated("title", "Le projet", "المشروع", "The project"),
        **translated("slug", "projet", "المشروع", "project"),
    )
    home_page.add_child(instance=live)
    live.save_revision().publish()
    client.force_login(section_editor("editor@example.org"))

    response = create(client, home_page, new_page_form(title_ar="المشروع", slug_ar="المشروع"))

    assert slug_error(response, "fr") is None
    # Checked with Arabic active, told in the editor's language.
    assert slug_error(response, "ar") == message(
        "The page “%(title)s” (%(status)s) already uses this slug here, and you may not edit "
        "it: choose another slug, or ask an administrator.",
        title="Le projet",
        status="live",
    )
