import pytest
from django.core.files.base import ContentFile

from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(visibility=Document.Visibility.PUBLIC, name="etude.pdf"):
        document = Document(title="Étude", visibility=visibility)
        document.file.save(name, ContentFile(b"%PDF-1.4 demo"), save=True)
        return document

    return make


def test_public_document_is_downloaded_as_an_attachment(client, make_document):
    document = make_document()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="etude.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


@pytest.mark.parametrize("visibility", ["partners", "staff"])
def test_restricted_document_is_not_found_for_visitors(client, make_document, visibility):
    assert client.get(make_document(visibility).url).status_code == 404


def test_staff_document_is_not_found_for_a_partner(client, make_document, make_user):
    document = make_document(Document.Visibility.STAFF)
    client.force_login(make_user())
    assert client.get(document.url).status_code == 404


def test_staff_document_is_served_to_staff(client, make_document, make_user):
    document = make_document(Document.Visibility.STAFF)
    client.force_login(make_user(email="editor@example.org", is_superuser=True))
    assert client.get(document.url).status_code == 200
