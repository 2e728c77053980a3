"""What the demo's parts share: their data files, the demo accounts, how a page is created."""

import json
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model

LANGUAGES = ("fr", "ar", "en")
# The demo accounts, printed by `manage.py load_demo`, never loaded in production.
DEMO_ADMIN = ("admin@amem.local", "amem-demo")
DEMO_FOCAL_POINT = ("focal.tn@amem.local", "amem-demo")


@cache
def data(name):
    """data/<name>.json: the demo's words, in fr, ar and en. Read once; loaders never change it."""
    return json.loads((Path(__file__).parent / "data" / f"{name}.json").read_text("utf-8"))


def translated(**fields):
    """{"title": {"fr": .., "ar": .., "en": ..}} -> {"title": fr, "title_fr": .., ...}"""
    values = {}
    for name, by_language in fields.items():
        for language in LANGUAGES:
            value = by_language[language]
            # Stream fields take Wagtail's raw JSON form.
            values[f"{name}_{language}"] = json.dumps(value) if isinstance(value, list) else value
        values[name] = values[f"{name}_fr"]
    return values


def create_child(parent, model, text, **attributes):
    """The `model` child of `parent` whose French slug is text["slug"]["fr"]: found, or created
    and published from `text` (translated fields, see `translated`) and plain `attributes`.

    Returns (page, created). Call it with French active, so that `title` and `slug` are French.
    """
    existing = model.objects.child_of(parent).filter(slug_fr=text["slug"]["fr"]).first()
    if existing is not None:
        return existing, False
    page = model(**translated(**text), **attributes)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_demo_admin():
    # Imported here: `import amem.demo` works before Django is set up (load_demo's --help, bench).
    from allauth.account.models import EmailAddress

    email, password = DEMO_ADMIN
    User = get_user_model()
    if not User.objects.filter(email=email).exists():
        User.objects.create_superuser(email=email, password=password, first_name="Admin")
    user = User.objects.get(email=email)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
