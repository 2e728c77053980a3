# ruff: noqa: F811 - the workshop fixtures of tests/events/conftest.py are imported, then used
"""Who may download a document, on every way to its file.

The matrix: each visibility (public, partners only, staff only) for each kind of user, on Wagtail's
serve URL (/documents/<id>/<name>). Partners are staff and people with a current affiliation to an
organisation of the registry; a new account, or a workshop participant, is not one
(Document.is_visible_to, stakeholders/backends.py). The pages that link documents show the link only
to whoever may download it. In development (DEBUG), /media/ serves the images, never a document's or
evidence's file. Django's own admin is not mounted.
"""

import datetime
import importlib
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import amem.urls
from documents.models import Document
from home.models import ContentPage
from stakeholders.models import Organisation
from tests.documents.conftest import affiliate
from tests.events.conftest import (  # noqa: F401 - fixtures
    event_index,
    make_event,
    make_registration,
    open_workshop,
)

pytestmark = pytest.mark.django_db

PUBLIC, PARTNERS, STAFF = (
    Document.Visibility.PUBLIC,
    Document.Visibility.PARTNERS,
    Document.Visibility.STAFF,
)
USERS = ("anonymous", "new account", "participant", "affiliated", "former", "focal point", "staff")
# The permission matrix: who gets the file (200) and who a 404, as if it did not exist.
MATRIX = {
    PUBLIC: dict.fromkeys(USERS, 200),
    PARTNERS: {
        "anonymous": 404,
        "new account": 404,
        "participant": 404,
        "affiliated": 200,
        "former": 404,
        "focal point": 200,
        "staff": 200,
    },
    STAFF: {**dict.fromkeys(USERS, 404), "staff": 200},
}


@pytest.fixture
def make_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    def make(visibility=PUBLIC, name="etude.pdf", **fields):
        document = Document(title="Étude", visibility=visibility, **fields)
        document.file.save(name, ContentFile(b"%PDF-1.4 demo"), save=True)
        return document

    return make


@pytest.fixture
def make_kind_of_user(make_user, make_registration, open_workshop):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def participant():
        # Registered for a workshop, naming an organisation of the registry on the form.
        organisation = Organisation.objects.create(
            name="Ministère des Affaires sociales", kind=Organisation.Kind.MINISTRY, country="TN"
        )
        registration = make_registration(
            open_workshop(), organisation=organisation, proposed_organisation=""
        )
        return registration.user

    def staff():
        # An editor: Wagtail admin access through a group, not a superuser.
        editors = Group.objects.create(name="Rédaction")
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        user = make_user(email="editor@example.org")
        user.groups.add(editors)
        return user

    makers = {
        "anonymous": lambda: None,
        "new account": lambda: make_user(email="new@example.org"),
        "participant": participant,
        "affiliated": lambda: affiliate(make_user(email="member@example.org")),
        "former": lambda: affiliate(make_user(email="former@example.org"), until=yesterday),
        "focal point": lambda: affiliate(make_user(email="focal@example.org"), is_focal_point=True),
        "staff": staff,
    }
    return lambda kind: makers[kind]()


@pytest.mark.parametrize("kind", USERS)
@pytest.mark.parametrize("visibility", [PUBLIC, PARTNERS, STAFF])
def test_document_permission_matrix(client, make_document, make_kind_of_user, visibility, kind):
    document = make_document(visibility)
    user = make_kind_of_user(kind)
    if user is not None:
        client.force_login(user)

    response = client.get(document.url)

    assert response.status_code == MATRIX[visibility][kind]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_an_account_signed_up_with_any_address_gets_no_partners_document(
    client, make_document, password
):
    document = make_document(PARTNERS)
    client.post(
        "/fr/accounts/signup/",
        {"email": "anyone@example.org", "password1": password, "password2": password},
    )
    link = re.search(r"http://testserver(/fr/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    client.post(link.group(1))
    assert "_auth_user_id" in client.session

    assert client.get(document.url).status_code == 404


# The pages that link documents: a link only for whoever may download the file.


def document_block(document, title):
    return {"type": "document", "value": {"document": document.pk, "title": title}}


@pytest.fixture
def page_linking(home_page, make_document):
    """A content page linking a public and a partners-only document in its body."""
    public = make_document(PUBLIC, name="public.pdf")
    partners = make_document(PARTNERS, name="partners.pdf")
    body = json.dumps(
        [document_block(public, "Rapport public"), document_block(partners, "Note aux partenaires")]
    )
    page = ContentPage(
        title="Ressources", title_fr="Ressources", slug="ressources", slug_fr="ressources"
    )
    page.body_fr = body
    home_page.add_child(instance=page)
    return page, public, partners


@pytest.mark.parametrize(("kind", "shown"), [("new account", False), ("affiliated", True)])
def test_a_page_links_a_partners_document_only_for_partners(
    client, page_linking, make_kind_of_user, kind, shown
):
    page, public, partners = page_linking
    client.force_login(make_kind_of_user(kind))

    html = client.get(page.url).text

    assert public.url in html
    assert (partners.url in html) is shown
    assert ("Note aux partenaires" in html) is shown


def test_a_workshop_hides_related_documents_nobody_may_download(client, make_event, make_document):
    staff_only = make_document(STAFF, name="protocole.pdf", kind=Document.Kind.LEGAL_TEXT)
    workshop = make_event(related_documents_fr=json.dumps([document_block(staff_only, "Texte")]))

    html = client.get(workshop.url).text

    assert staff_only.url not in html
    assert 'id="documents-title"' not in html


# Development media: /media/ under DEBUG serves the images only.


@pytest.fixture
def debug_urls(settings):
    """The project's urlconf as `make run` builds it (DEBUG mounts /media/)."""
    settings.DEBUG = True
    importlib.reload(amem.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(amem.urls)
    clear_url_caches()


def test_development_media_serve_image_renditions_and_no_document(
    client, debug_urls, make_document, make_user
):
    document = make_document(PARTNERS)
    protocol_text = make_document(STAFF, name="protocole.pdf", kind=Document.Kind.LEGAL_TEXT)
    evidence = default_storage.save("evidence/2026/05/abc/rapport.pdf", ContentFile(b"%PDF"))
    image = get_image_model().objects.create(title="Carte", file=get_test_image_file())
    rendition = image.get_rendition("fill-4x4")

    assert rendition.url.startswith("/media/images/")
    assert client.get(rendition.url).status_code == 200
    assert client.get(image.file.url).status_code == 200
    for name in (
        document.file.name,
        protocol_text.file.name,
        evidence,
        f"images/../{protocol_text.file.name}",
    ):
        assert default_storage.exists(name.replace("images/../", ""))
        assert client.get(f"/media/{name}").status_code == 404, name
    # The documents themselves stay reachable where their visibility is checked.
    client.force_login(make_user(email="admin@example.org", is_superuser=True))
    assert client.get(protocol_text.url).status_code == 200


def test_media_are_not_mounted_outside_debug(client, make_document):
    assert client.get(f"/media/{make_document().file.name}").status_code == 404


def test_django_admin_is_not_mounted(client):
    # LocaleMiddleware tries /fr/django-admin/ first: no page there either.
    for url in ("/django-admin/", "/django-admin/login/"):
        assert client.get(url, follow=True).status_code == 404, url
