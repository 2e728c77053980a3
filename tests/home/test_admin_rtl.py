"""Arabic is typed right to left in the admin, and each staff member reads the admin in their
own language (Account › Preferences), the Arabic admin right to left.

Every input of a translated field says its language: `title_ar` carries lang="ar" dir="rtl",
`title_fr` lang="fr" dir="ltr" (home/field_language.py), in page, viewset and inline forms.
"""

import json
from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from events.models import EventIndexPage, EventPage
from home.models import NewsIndexPage, NewsPage
from stakeholders.models import Organisation, Recommendation

from .conftest import translated

pytestmark = pytest.mark.django_db

STAKEHOLDER_PERMISSIONS = [
    f"stakeholders.{action}_{model}"
    for model in ("organisation", "recommendation")
    for action in ("add", "change", "view")
]


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.by_name = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name"):
            self.by_name[attrs["name"]] = attrs


def inputs(response):
    """{name: attributes} of the page's inputs and text areas, inline forms' templates included."""
    assert response.status_code == 200
    reader = _Inputs()
    reader.feed(response.text)
    return reader.by_name


def language_of(name):
    """`title_ar` and an inline form's `registration_questions-__prefix__-label_ar` -> "ar"."""
    suffix = name.rsplit("-", 1)[-1].rsplit("_", 1)[-1]
    return suffix if suffix in ("fr", "ar", "en") else None


def assert_marked(fields, expected):
    """Each Arabic input reads right to left, each French one left to right; `expected` are
    names that must be among them (so that the check is never about nothing)."""
    assert set(expected) <= set(fields), set(expected) - set(fields)
    for name, attrs in fields.items():
        language = language_of(name)
        if language == "ar":
            assert (attrs.get("lang"), attrs.get("dir")) == ("ar", "rtl"), name
        elif language == "fr":
            assert (attrs.get("lang"), attrs.get("dir")) == ("fr", "ltr"), name


@pytest.fixture
def staff(client, make_user, home_page):
    """A staff member who edits the site's pages, organisations and recommendations, with TOTP."""
    user = make_user(email="staff@example.org")
    group = Group.objects.create(name="Workshop and news editors")
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.create(group=group, page=home_page, permission=permission)
    user.groups.add(group)
    for codename in ["wagtailadmin.access_admin", *STAKEHOLDER_PERMISSIONS]:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


@pytest.fixture
def workshop(home_page):
    index = EventIndexPage(
        **translated("title", "Ateliers", "ورش العمل", "Workshops"),
        **translated("slug", "ateliers", "ورش-العمل", "workshops"),
    )
    home_page.add_child(instance=index)
    page = EventPage(
        **translated("title", "Atelier national", "ورشة وطنية", "National workshop"),
        **translated("slug", "atelier-national", "ورشة-وطنية", "national-workshop"),
        **translated("summary", "Résumé", "ملخص", "Summary"),
        **translated("venue", "Hôtel Laico", "نزل لايكو", "Laico Hotel"),
        **translated("city", "Tunis", "تونس", "Tunis"),
        start_date="2026-03-12",
        end_date="2026-03-13",
        country="TN",
        axis="data",
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def news(home_page):
    index = NewsIndexPage(
        **translated("title", "Actualités", "الأخبار", "News"),
        **translated("slug", "actualites", "الأخبار", "news"),
    )
    home_page.add_child(instance=index)
    page = NewsPage(
        **translated("title", "Réunion", "اجتماع", "Meeting"),
        **translated("slug", "reunion", "اجتماع", "meeting"),
        **translated("introduction", "Réunion tripartite", "اجتماع ثلاثي", "Tripartite meeting"),
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def organisation():
    return Organisation.objects.create(
        **translated("name", "Ministère de l'Emploi", "وزارة التشغيل", "Ministry of Employment"),
        kind=Organisation.Kind.MINISTRY,
        country="TN",
    )


@pytest.fixture
def recommendation():
    return Recommendation.objects.create(
        reference="R-01",
        **translated("title", "Données", "البيانات", "Data"),
        **translated("text", "Collecter", "جمع البيانات", "Collect"),
        axis="data",
        country="TN",
    )


WORKSHOP_INPUTS = ["title_ar", "summary_ar", "venue_ar", "city_ar", "title_fr", "venue_fr"]


def test_workshop_editor_marks_arabic_inputs_right_to_left(client, staff, workshop):
    fields = inputs(client.get(f"/admin/pages/{workshop.pk}/edit/"))
    # The registration questions' inline form too, and the concept note's rich text.
    expected = [*WORKSHOP_INPUTS, "registration_questions-__prefix__-label_ar", "concept_note_ar"]
    assert_marked(fields, expected)


def test_new_workshop_form_marks_arabic_inputs_right_to_left(client, staff, workshop):
    index = workshop.get_parent()
    fields = inputs(client.get(f"/admin/pages/add/events/eventpage/{index.pk}/"))
    assert_marked(fields, WORKSHOP_INPUTS)


def test_rich_text_editor_of_an_arabic_field_writes_right_to_left(client, staff, workshop):
    fields = inputs(client.get(f"/admin/pages/{workshop.pk}/edit/"))
    # Draftail draws its editor from these options, beside the hidden input that holds them.
    options = {
        language: json.loads(fields[f"concept_note_{language}"]["data-w-init-detail-value"])
        for language in ("fr", "ar", "en")
    }
    assert options["ar"]["textDirectionality"] == "RTL"
    assert options["fr"]["textDirectionality"] == "LTR"
    assert options["en"]["textDirectionality"] == "LTR"


@pytest.mark.parametrize("view", ["edit", "create"])
def test_news_editor_marks_arabic_inputs_right_to_left(client, staff, news, view):
    if view == "edit":
        url = f"/admin/pages/{news.pk}/edit/"
    else:
        url = f"/admin/pages/add/home/newspage/{news.get_parent().pk}/"
    fields = inputs(client.get(url))
    assert_marked(fields, ["title_ar", "introduction_ar", "slug_ar", "title_fr"])


@pytest.mark.parametrize("view", ["edit", "create"])
def test_recommendation_form_marks_arabic_inputs_right_to_left(client, staff, recommendation, view):
    if view == "edit":
        url = reverse("recommendations:edit", args=[recommendation.pk])
    else:
        url = reverse("recommendations:add")
    fields = inputs(client.get(url))
    assert_marked(fields, ["title_ar", "text_ar", "theme_ar", "indicator_ar", "title_fr"])


@pytest.mark.parametrize("view", ["edit", "create"])
def test_organisation_form_marks_arabic_inputs_right_to_left(client, staff, organisation, view):
    if view == "edit":
        url = reverse("registry_organisations:edit", args=[organisation.pk])
    else:
        url = reverse("registry_organisations:add")
    fields = inputs(client.get(url))
    assert_marked(fields, ["name_ar", "acronym_ar", "name_fr", "acronym_fr"])


def test_untranslated_inputs_keep_the_pages_direction(client, staff, organisation):
    fields = inputs(client.get(reverse("registry_organisations:edit", args=[organisation.pk])))
    assert "dir" not in fields["website"] and "lang" not in fields["website"]


def html_tag(response):
    text = response.text
    return text[text.index("<html") : text.index(">", text.index("<html")) + 1]


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr"), ("fr", "ltr")])
def test_admin_speaks_the_staff_members_language(client, staff, language, direction):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    response = client.get("/admin/")
    assert f'lang="{language}" dir="{direction}"' in html_tag(response)


def test_staff_member_picks_a_language_among_the_sites_three(client, staff):
    response = client.get("/admin/account/")
    reader = _Options("locale-preferred_language")
    reader.feed(response.text)
    # "" is "the server's language" (French).
    assert sorted(reader.values) == ["", "ar", "en", "fr"]


class _Options(HTMLParser):
    def __init__(self, select_name):
        super().__init__()
        self.select_name, self.inside, self.values = select_name, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.select_name
        elif tag == "option" and self.inside:
            self.values.append(attrs.get("value"))

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False
