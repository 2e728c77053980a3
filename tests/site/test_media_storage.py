"""Media on S3-compatible storage (django-storages), configured by environment variables.

The bucket is moto's, in this process (no network). The storage is configured as base.py
configures it from the environment (`media_storage`), through settings.STORAGES: Django drops its
cached storages when that setting changes, and file fields reach them through `default_storage`.
"""

import datetime
import html
import io
import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from moto import mock_aws
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Collection

from amem.settings.base import media_storage
from documents.models import Document
from events.models import EventIndexPage, EventPage
from stakeholders.models import Organisation, ProgressEvidence, ProgressUpdate, Recommendation
from tests.documents.conftest import affiliate

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "amem-media"


def objects(client):
    """Every object of the bucket: its key, bytes and Content-Disposition."""
    found = {}
    for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        stored = client.get_object(Bucket=BUCKET, Key=entry["Key"])
        found[entry["Key"]] = (stored["Body"].read(), stored.get("ContentDisposition"))
    return found


@pytest.fixture
def bucket(settings):
    """An empty private bucket, the site's default storage; yields an S3 client on it."""
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": media_storage({"AWS_STORAGE_BUCKET_NAME": BUCKET}),
        }
        yield client


@pytest.fixture
def superuser(make_user):
    user = make_user(email="admin@example.org", is_superuser=True, is_staff=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def png(colour="teal"):
    content = io.BytesIO()
    PillowImage.new("RGB", (800, 450), colour).save(content, "PNG")
    return content.getvalue()


@pytest.mark.django_db
def test_an_uploaded_document_goes_to_the_bucket_and_is_downloaded_through_the_site(
    client, bucket, superuser
):
    client.force_login(superuser)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Étude",
            "file": SimpleUploadedFile("etude.pdf", b"%PDF-1.4 study", "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "language": "fr",
            "kind": "study",
            "visibility": "public",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert objects(bucket) == {"documents/etude.pdf": (b"%PDF-1.4 study", "attachment")}

    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 study"


@pytest.mark.django_db
def test_a_partners_document_in_the_bucket_is_not_found_for_a_visitor(client, bucket, make_user):
    document = Document(title="Note interne", visibility=Document.Visibility.PARTNERS)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 partners"), save=True)
    assert "documents/note.pdf" in objects(bucket)

    assert client.get(document.url).status_code == 404
    client.force_login(affiliate(make_user()))
    assert b"".join(client.get(document.url).streaming_content) == b"%PDF-1.4 partners"


@pytest.mark.django_db
def test_an_image_is_shown_from_the_bucket_through_a_signed_url(client, bucket, home_page):
    image = Image.objects.create(
        title="Atelier", file=ContentFile(png(), name="atelier.png"), width=800, height=450
    )
    index = EventIndexPage(title="Ateliers", slug="ateliers")
    home_page.add_child(instance=index)
    start = timezone.localdate() + datetime.timedelta(days=30)
    index.add_child(
        instance=EventPage(
            title="Atelier tripartite",
            slug="atelier-tripartite",
            start_date=start,
            end_date=start,
            listing_image=image,
        )
    )

    response = client.get(index.url)
    assert response.status_code == 200
    tag = re.search(r'<img [^>]*class="event-card__image"[^>]*>', response.content.decode())
    src = html.unescape(re.search(r'src="([^"]+)"', tag[0])[1])
    url = urlsplit(src)
    query = parse_qs(url.query)
    assert (url.scheme, url.netloc) == ("https", f"{BUCKET}.s3.amazonaws.com")
    assert url.path.startswith("/images/atelier.")
    assert "X-Amz-Signature" in query
    # Signed for longer than a cached page lives (AMEM_PAGE_CACHE_SECONDS).
    assert int(query["X-Amz-Expires"][0]) > 600
    # The signed URL gives the rendition, 640×360, and an opened one is downloaded.
    shown = requests.get(src, timeout=5)
    assert shown.status_code == 200
    assert PillowImage.open(io.BytesIO(shown.content)).size == (640, 360)
    assert shown.headers["Content-Disposition"] == "attachment"


@pytest.mark.django_db
def test_evidence_of_a_recommendation_is_streamed_from_the_bucket(client, bucket, superuser):
    organisation = Organisation.objects.create(name="Ministère de l'Emploi", country="TN")
    recommendation = Recommendation.objects.create(
        reference="TN-SIM-2024-R01",
        title="Recommandation",
        text="Texte.",
        axis="governance",
        country="TN",
        lead_organisation=organisation,
    )
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        author=superuser,
        organisation=organisation,
        proposed_status="in_progress",
        proposed_progress=40,
        narrative="Décret publié.",
    )
    evidence = ProgressEvidence(update=update, label="Décret")
    evidence.file.save("decret.pdf", ContentFile(b"%PDF-1.4 decree"), save=True)
    assert [key for key in objects(bucket) if key.endswith("decret.pdf")] == [evidence.file.name]

    client.force_login(superuser)
    response = client.get(f"/admin/recommendations/{recommendation.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="decret.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 decree"


# Backup and restore, through the storage's API: the same for the media folder and the bucket.


@pytest.fixture(params=["filesystem", "s3"])
def media(request, settings, tmp_path):
    """The default storage, a folder or a bucket; yields a function that lists its files."""
    if request.param == "filesystem":
        settings.MEDIA_ROOT = tmp_path / "media"
        yield lambda: {
            path.relative_to(settings.MEDIA_ROOT).as_posix(): (path.read_bytes(), None)
            for path in Path(settings.MEDIA_ROOT).rglob("*")
            if path.is_file()
        }
    else:
        client = request.getfixturevalue("bucket")
        yield lambda: objects(client)


@pytest.fixture
def content_types_warmed():
    """A restore puts the backup's content type ids back: the cache is warmed with them after
    the test, passed or failed, or the next transactional test's setup would create them twice."""
    yield
    for model in apps.get_models():
        ContentType.objects.get_for_model(model)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("content_types_warmed")
def test_backup_then_restore_puts_back_exactly_the_media_of_the_backup(media, tmp_path):
    Document.objects.create(title="Note", file=ContentFile(b"%PDF-1.4 note", name="note.pdf"))
    Image.objects.create(
        title="Logo", file=ContentFile(png("navy"), name="logo.png"), width=800, height=450
    )
    before = media()
    assert sorted(before) == ["documents/note.pdf", "original_images/logo.png"]

    out = StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    backup = Path(out.getvalue().strip())

    # Every file deleted, one the backup does not hold added, one changed.
    default_storage.delete("original_images/logo.png")
    default_storage.delete("documents/note.pdf")
    default_storage.save("documents/note.pdf", ContentFile(b"changed"))
    default_storage.save("documents/later.pdf", ContentFile(b"%PDF-1.4 later"))
    assert media() != before

    call_command("restore", str(backup), "--yes", stdout=StringIO())
    assert media() == before


# Settings, read from the environment by a fresh process as in production. The process reads
# them and builds the storage without loading the apps (what `manage.py check` does in
# tests/site/test_settings.py): a third of the time of a `manage.py shell`.


def production_settings(**env):
    """The production settings' storages, page cache lifetime, img-src and an image URL."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "AMEM_"))
    }
    code = (
        "import json;"
        "from django.conf import settings as s;"
        "from django.core.files.storage import default_storage;"
        "print(json.dumps({"
        "'storages': s.STORAGES,"
        "'page_cache_seconds': s.AMEM_PAGE_CACHE_SECONDS,"
        "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        "'url': default_storage.url('images/atelier.png')}))"
    )
    result = subprocess.run(  # noqa: S603 - runs this repository's settings, no outside input
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "amem.settings.production",
            "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-9f3a1c",
            "ALLOWED_HOSTS": "amem.example.org",
            "DATABASE_URL": "postgres://amem@db.example.org:5432/amem",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "MEDIA_ROOT": "/srv/amem/media",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "amem-media",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
}


@pytest.mark.parametrize(
    ("environment", "origin"),
    [
        ({}, "https://amem-media.s3.amazonaws.com"),
        ({"AWS_S3_REGION_NAME": "eu-south-1"}, "https://amem-media.s3.eu-south-1.amazonaws.com"),
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud", "AWS_S3_REGION_NAME": "fr-par"},
            "https://s3.fr-par.scw.cloud",
        ),
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "http://127.0.0.1:9000"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.amem.example.org"}, "https://media.amem.example.org"),
    ],
)
def test_production_settings_put_media_in_the_bucket_and_keep_whitenoise(environment, origin):
    found = production_settings(**S3_ENVIRONMENT, AMEM_PAGE_CACHE_SECONDS="7200", **environment)
    storages = found["storages"]
    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storages["default"]["OPTIONS"]
    assert options["bucket_name"] == "amem-media"
    assert (options["default_acl"], options["file_overwrite"]) == (None, False)
    assert options["object_parameters"] == {"ContentDisposition": "attachment"}
    # The secrets stay in the environment, where boto3 reads them.
    assert "example-secret" not in str(found["storages"])
    # Images come from the bucket (or its CDN), which the pages' CSP lets them load from.
    url = urlsplit(found["url"])
    assert f"{url.scheme}://{url.netloc}" == origin
    assert found["img_src"] == ["'self'", "data:", origin]
    if "AWS_S3_CUSTOM_DOMAIN" not in environment:
        assert int(parse_qs(url.query)["X-Amz-Expires"][0]) > found["page_cache_seconds"] == 7200


def test_production_settings_keep_media_on_the_file_system_without_a_bucket():
    found = production_settings()
    assert found["storages"] == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    assert found["img_src"] == ["'self'", "data:"]
    assert found["url"] == "/media/images/atelier.png"
