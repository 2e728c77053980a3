import http.server
import threading

import pytest
from PIL import Image

from stakeholders.models import Affiliation, Organisation, Person


def affiliate(user, **affiliation):
    """Makes the account a partner: its person gets a current affiliation to a registry
    organisation (`until=` a past date: one that has ended). Returns the user."""
    organisation = Organisation.objects.create(
        name="Ministère des Affaires sociales", kind=Organisation.Kind.MINISTRY, country="TN"
    )
    person = Person.objects.create(first_name="Leila", last_name="Haddad", user=user)
    Affiliation.objects.create(
        person=person, organisation=organisation, position="Directrice", **affiliation
    )
    return user


# Templates the PDF tests render, kept here rather than in the project's template folders.
PDF_TEST_TEMPLATES = {
    "pdf_tests/pages.html": """{% extends "pdf/base.html" %}
{% block content %}
<h1>{{ heading }}</h1>
{% for page in pages %}
<section{% if not forloop.first %} style="break-before: page"{% endif %}>
<h2>{{ heading }}</h2>
<p>{{ paragraph }}</p>
<table>
<thead><tr><th>{{ time_label }}</th><th>{{ session_label }}</th></tr></thead>
<tbody>{% for row in rows %}
<tr class="session"><td>09:{{ forloop.counter|stringformat:"02d" }}</td>
<td>{{ paragraph }}</td></tr>
{% endfor %}</tbody>
</table>
</section>
{% endfor %}
{% endblock %}
""",
    "pdf_tests/breaks.html": """{% extends "pdf/base.html" %}
{% block content %}
<table><tbody>{% for row in rows %}
<tr><td>rowbegin{{ row|stringformat:"02d" }} {{ filler }}
rowfinish{{ row|stringformat:"02d" }}</td></tr>
{% endfor %}</tbody></table>
{% for section in sections %}
<h2>heading{{ section|stringformat:"02d" }}</h2>
<p>text{{ section|stringformat:"02d" }} {{ filler }}</p>
{% endfor %}
{% endblock %}
""",
    "pdf_tests/cards.html": """{% extends "pdf/base.html" %}
{% block extra_head %}<style>
@page { @top-center { content: none } @bottom-center { content: none } }
.card { break-after: page } .card:last-child { break-after: auto }</style>{% endblock %}
{% block content %}{% for card in cards %}<p class="card">card{{ card|stringformat:"03d" }}</p>
{% endfor %}{% endblock %}
""",
    "pdf_tests/context.html": """{% extends "pdf/base.html" %}{% load i18n %}
{% block content %}{% get_current_language as current %}
<p dir="ltr">active={{ current }} language={{ language }} direction={{ direction }}</p>
<p><a href="/fr/evenements/">{{ title }}</a></p>
{% endblock %}
""",
}


@pytest.fixture
def pdf_templates(settings):
    """The project's template settings plus the in-memory test templates above."""
    engine = dict(settings.TEMPLATES[0])
    options = dict(engine["OPTIONS"])
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", PDF_TEST_TEMPLATES),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    engine["OPTIONS"] = options
    engine["APP_DIRS"] = False  # Django refuses APP_DIRS together with explicit loaders.
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    return PDF_TEST_TEMPLATES


@pytest.fixture
def media_root(settings, tmp_path):
    """A throw-away MEDIA_ROOT with one image, next to a secret file outside it."""
    root = tmp_path / "media"
    (root / "images").mkdir(parents=True)
    Image.new("RGB", (8, 8), "black").save(root / "images" / "pixel.png")
    (tmp_path / "secret.txt").write_text("root:x:0:0:secret")
    settings.MEDIA_ROOT = root
    return root


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server dispatches to
        self.server.requests.append(self.path)
        body = b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the signature http.server calls
        pass


@pytest.fixture
def recording_server():
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RecordingHandler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
