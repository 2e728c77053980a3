"""Text in another language or script than the page's says so (home/templatetags/amem_languages.py):
screen readers read it with the right voice, browsers and WeasyPrint lay it out in its direction."""

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source, active, **context):
    with translation.override(active):
        return Template("{% load amem_languages %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("ar", "Leïla Exemple", '<span lang="und-Latn" dir="ltr">Leïla Exemple</span>'),
        ("fr", "Leïla Exemple", "Leïla Exemple"),
        ("ar", "ليلى مثال", "ليلى مثال"),
        ("en", "ليلى مثال", '<span lang="und-Arab" dir="rtl">ليلى مثال</span>'),
        ("ar", "<b>Ben</b>", '<span lang="und-Latn" dir="ltr">&lt;b&gt;Ben&lt;/b&gt;</span>'),
        ("fr", "<b>Ben</b>", "&lt;b&gt;Ben&lt;/b&gt;"),
        ("ar", "", ""),
    ],
)
def test_a_name_in_the_other_script_is_marked_with_its_script(language, name, expected):
    assert render("{{ name|script_marked }}", language, name=name) == expected


def test_text_in_a_recorded_language_is_marked_only_in_another_language():
    source = '{% in_language text written_in "p" %}'
    french = {"text": "Atelier tenu.", "written_in": "fr"}

    assert render(source, "ar", **french) == '<p lang="fr" dir="ltr">Atelier tenu.</p>'
    assert render(source, "fr", **french) == "<p>Atelier tenu.</p>"
    assert render(source, "fr", text="Atelier tenu.", written_in="") == (
        '<p dir="auto">Atelier tenu.</p>'
    )
    assert render("{% in_language text written_in %}", "fr", **french) == "Atelier tenu."
