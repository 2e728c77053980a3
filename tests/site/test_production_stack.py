"""The production stack as docs/deploy.md has a sysadmin start it, configured by environment
variables only: `make serve-prod` (migrate, collectstatic, gunicorn) and `make worker` behind
nginx running the guide's own configuration.

The app server and the worker use the pytest-django test database on PostgreSQL, a Redis database
of their own and an SMTP server of the test's. nginx runs the guide's block with only what differs
on a test machine: the ports, the media folder, the log file, and a self-signed certificate where
certbot would add its own, so that the site is reached over HTTPS as in production.
"""

import base64
import contextlib
import datetime
import gzip
import http.client
import io
import json
import os
import pwd
import re
import shutil
import signal
import ssl
import subprocess
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import brotli
import PIL.Image
import pytest
import redis
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from documents.models import Document
from events.models import Registration
from tests.events import conftest as workshops
from tests.site.test_email_delivery import LocalMailServer
from tests.site.test_scale_out import _database_url, _free_port, _registration_form

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/8"
NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
# The workshop fixtures of tests/events, for a registration to send an email about.
event_index = workshops.event_index
make_event = workshops.make_event
open_workshop = workshops.open_workshop


def redis_answers():
    try:
        return redis.Redis.from_url(
            REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        ).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the app server uses the test database: needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(
        not redis_answers(), reason=f"production settings need Redis at {REDIS_URL}"
    ),
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (apt-get install nginx-light)"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Stack:
    port: int  # nginx's, over HTTPS
    app_port: int  # gunicorn's, plain HTTP
    certificate: Path
    media: Path
    logs: Path  # web.log and worker.log (make's output), nginx's access.log
    mail: LocalMailServer


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode()


class Browser:
    """A browser on https://localhost:<nginx's port>, with its cookies; redirects not followed."""

    def __init__(self, stack):
        self.stack = stack
        self.origin = f"https://localhost:{stack.port}"
        self.tls = ssl.create_default_context(cafile=stack.certificate)
        self.cookies = {}

    def get(self, path, **headers):
        return self.request("GET", path, headers)

    def post(self, path, data):
        # A browser's same-origin form: Django checks the Origin and Referer of HTTPS POSTs.
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        return self.request("POST", path, headers, urlencode(data))

    def request(self, method, path, headers, body=None):
        headers = {name.replace("_", "-"): value for name, value in headers.items()}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        https = http.client.HTTPSConnection(
            "localhost", self.stack.port, context=self.tls, timeout=60
        )
        try:
            https.request(method, path, body=body, headers=headers)
            response = https.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            https.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer

    def log_in(self, email, password):
        form = self.get("/fr/accounts/login/")
        assert form.status == 200
        token = csrf_token(form)
        return self.post(
            "/fr/accounts/login/",
            {"login": email, "password": password, "csrfmiddlewaretoken": token},
        )


def csrf_token(answer):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def self_signed_certificate(folder):
    """What certbot would provide, for the name "localhost"."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "localhost.pem", folder / "localhost.key"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


def documented_nginx_block():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    section = re.search(r"^## 5\. nginx$(.*?)^## 6\.", guide, re.M | re.S).group(1)
    return re.search(r"^```nginx\n(.*?)^```", section, re.M | re.S).group(1)


def nginx_configuration(folder, *, logs, port, app_port, media, certificate, key):
    """The guide's block, in a main configuration that keeps every file nginx writes in `folder`."""
    block = documented_nginx_block()
    differences = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/srv/amem/media/": f"{media}/",
        "access_log /var/log/nginx/amem.access.log amem;": f"access_log {logs}/access.log amem;",
        # Where `certbot --nginx` adds its own lines.
        "server_name amem.example.org;": (
            f"server_name amem.example.org;\n    listen 127.0.0.1:{port} ssl;\n"
            f"    ssl_certificate {certificate};\n    ssl_certificate_key {key};"
        ),
    }
    for documented, here in differences.items():
        assert documented in block, f"docs/deploy.md's nginx block lost {documented!r}"
        block = block.replace(documented, here)
    temporary = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started by root, the workers would run as nobody, who cannot enter pytest's private folders.
    user = f"user {pwd.getpwuid(0).pw_name};" if os.geteuid() == 0 else ""
    return (
        f"{user}\npid {folder}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"{temporary}\n{block}}}\n"
    )


def start(command, log, env, stop):
    """A process in a group of its own, stopped with all its children when `stop` closes."""
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - this repository's commands and Debian's nginx
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stop.callback(end, process)
    return process


def end(process):
    """SIGTERM to the group, as systemd stops a unit; make passes it on and waits for gunicorn."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("production-stack")
    media, static, logs = folder / "media", folder / "static", folder / "logs"
    for path in (media, static, logs):
        path.mkdir()
    port, app_port = _free_port(), _free_port()
    certificate, key = self_signed_certificate(folder)
    mail = LocalMailServer()
    # Only what docs/deploy.md puts in /etc/amem/env, for this machine; nothing from the test run.
    env = {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "amem.settings.production",
        "SECRET_KEY": base64.b64encode(os.urandom(40)).decode(),
        "ALLOWED_HOSTS": "localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://localhost:{port}",
        "WAGTAILADMIN_BASE_URL": f"https://localhost:{port}",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(static),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail.port),
        "EMAIL_TIMEOUT": "5",
        "AMEM_TRUSTED_PROXIES": "1",
    }
    (folder / "nginx.conf").write_text(
        nginx_configuration(
            folder,
            logs=logs,
            port=port,
            app_port=app_port,
            media=media,
            certificate=certificate,
            key=key,
        )
    )
    with contextlib.ExitStack() as stop:
        mail.start()
        stop.callback(mail.stop)
        nginx = start(
            [
                NGINX,
                "-p",
                folder,
                "-c",
                folder / "nginx.conf",
                "-e",
                "stderr",
                "-g",
                "daemon off;",
            ],
            logs / "nginx.log",
            env,
            stop,
        )
        web = start(
            ["make", "serve-prod", f"PORT={app_port}", "WORKERS=2"], logs / "web.log", env, stop
        )
        result = Stack(port, app_port, certificate, media, logs, mail)

        def up():
            for name, process in (("nginx", nginx), ("web", web)):
                if process.poll() is not None:
                    raise AssertionError(f"{name} stopped:\n{(logs / f'{name}.log').read_text()}")
            with contextlib.suppress(OSError):
                answer = Browser(result).get("/healthz")
                # 502: nginx finds no app server listening yet.
                return answer.status != 502 and answer

        # migrate and collectstatic first: collectstatic compresses every file twice (~20 s).
        health = wait_for(up, 150, "the site to answer through nginx")
        assert health.status == 200, (health.status, health.headers)
        # `make serve-prod` migrated the test database, which earlier transactional tests left
        # empty: its content types and permissions would clash with the ones each test of this
        # module loads (serialized_rollback). Empty it again, as those tests expect.
        with django_db_blocker.unblock():
            call_command(
                "flush",
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
                verbosity=0,
            )
        # Once `make serve-prod` is past its `venv` step: two makes would both rebuild a stale one.
        start(["make", "worker"], logs / "worker.log", env, stop)
        yield result


@pytest.fixture(autouse=True)
def empty_redis():
    """Each test starts from an empty cache: its pages belong to a database since flushed."""
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    yield
    shared.flushdb()
    shared.close()


def test_a_page_through_nginx_carries_the_security_headers(stack, home_page):
    answer = Browser(stack).get("/fr/")

    assert answer.status == 200
    assert "Migration équitable" in answer.text
    headers = answer.headers
    # nginx tells the app the request came over HTTPS: HSTS is only sent then.
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy


def test_the_request_id_is_nginx_s_and_both_logs_carry_it(stack, home_page):
    # A client cannot choose the id the logs are searched by: nginx replaces it.
    answer = Browser(stack).get("/fr/", X_Request_ID="chosen-by-the-client")

    request_id = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)

    def logged():
        app_lines = [
            json.loads(line)
            for line in (stack.logs / "web.log").read_text().splitlines()
            if line.startswith("{") and request_id in line
        ]
        nginx_lines = [
            line
            for line in (stack.logs / "access.log").read_text().splitlines()
            if line.endswith(request_id)
        ]
        return app_lines and nginx_lines and (app_lines, nginx_lines)

    app_lines, nginx_lines = wait_for(logged, 10, f"request {request_id} in both logs")
    assert [(line["path"], line["status"]) for line in app_lines] == [("/fr/", 200)]
    assert '"GET /fr/ HTTP/1.1" 200' in nginx_lines[0]


def test_static_files_have_hashed_names_are_cached_for_years_and_come_compressed(stack, home_page):
    browser = Browser(stack)
    page = browser.get("/fr/")
    path = re.search(r'href="(/static/css/amem\.[0-9a-f]{12}\.css)"', page.text).group(1)

    plain = browser.get(path)

    assert plain.status == 200
    assert plain.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert plain.headers["Content-Type"].startswith("text/css")
    assert "Content-Encoding" not in plain.headers
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        compressed = browser.get(path, Accept_Encoding=encoding)
        assert compressed.headers["Content-Encoding"] == encoding
        assert decompress(compressed.body) == plain.body


def test_nginx_serves_images_as_attachments_but_never_private_files(stack):
    png = io.BytesIO()
    PIL.Image.new("RGB", (4, 4), "teal").save(png, "PNG")
    for name, content in {
        "original_images/photo.png": png.getvalue(),
        "documents/rapport-interne.pdf": b"%PDF-1.4 private",
        "evidence/2026/05/preuve.pdf": b"%PDF-1.4 private",
    }.items():
        (stack.media / name).parent.mkdir(parents=True, exist_ok=True)
        (stack.media / name).write_bytes(content)
    browser = Browser(stack)

    image = browser.get("/media/original_images/photo.png")

    assert (image.status, image.body) == (200, png.getvalue())
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Disposition"] == "attachment"
    assert "X-Request-ID" not in image.headers  # nginx's own answer, not the app's
    assert browser.get("/media/documents/rapport-interne.pdf").status == 404
    assert browser.get("/media/evidence/2026/05/preuve.pdf").status == 404


def test_a_public_document_is_downloaded_from_the_app_as_an_attachment(stack, settings):
    settings.MEDIA_ROOT = stack.media  # the app server's media folder
    content = b"%PDF-1.4 rapport annuel"
    document = Document.objects.create(
        title="Rapport annuel", file=ContentFile(content, name="rapport-annuel.pdf")
    )
    browser = Browser(stack)

    answer = browser.get(document.url)

    assert (answer.status, answer.body) == (200, content)
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Request-ID" in answer.headers  # through gunicorn
    # The same file, asked from the media folder: only the app's view hands it out.
    assert browser.get(f"/media/{document.file.name}").status == 404


def test_the_health_endpoints_answer_through_nginx(stack):
    browser = Browser(stack)

    assert browser.get("/healthz").status == 200
    ready = browser.get("/readyz")
    assert ready.status == 200
    assert json.loads(ready.body)["checks"] == {"database": "ok", "cache": "ok"}


def test_a_balancer_checks_health_over_plain_http_while_pages_redirect_to_https(stack):
    def plain(path):
        app = http.client.HTTPConnection("127.0.0.1", stack.app_port, timeout=10)
        app.request("GET", path, headers={"Host": "localhost"})
        response = app.getresponse()
        response.read()
        app.close()
        return response

    assert plain("/healthz").status == 200
    assert plain("/readyz").status == 200
    page = plain("/fr/")
    assert (page.status, page.getheader("Location")) == (301, "https://localhost/fr/")


def test_a_registration_through_the_site_is_emailed_by_the_worker(
    stack, open_workshop, make_user, password
):
    event = open_workshop(capacity=10)
    user = make_user(email="amina@example.org")
    # Hashed as production does: the test settings' fast hasher is unknown to the app server.
    user.password = make_password(password, hasher=PBKDF2PasswordHasher())
    user.save(update_fields=["password"])
    with translation.override("fr"):
        path = event.url + "register/"
    browser = Browser(stack)
    logged_in = browser.log_in("amina@example.org", password)
    assert logged_in.status == 302
    session_cookie = next(
        header for header in logged_in.headers.get_all("Set-Cookie") if "sessionid=" in header
    )
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie

    form = browser.get(path)
    registered = browser.post(
        path, {**_registration_form(), "csrfmiddlewaretoken": csrf_token(form)}
    )

    assert registered.status == 302
    assert "/accounts/" not in registered.headers["Location"]
    registration = Registration.objects.get(event=event, user=user)
    assert registration.status == Registration.Status.CONFIRMED

    def delivered():
        return [m for m in stack.mail.received if m["To"].addresses[0].addr_spec == user.email]

    (message,) = wait_for(delivered, 30, "the worker to send the confirmation")
    with translation.override("fr"):
        assert event.title in message["Subject"]

    # Through the queue that `make worker` empties, not sent by the app server itself.
    def done():
        return DBTaskResult.objects.filter(
            task_path="events.tasks.send_registration_email",
            args_kwargs__args=[registration.pk, "confirmed"],
            status=TaskResultStatus.SUCCESSFUL,
        ).exists()

    wait_for(done, 10, "the task to be marked done")
