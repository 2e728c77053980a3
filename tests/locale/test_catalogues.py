"""Every user-facing string is translated in fr, ar and en, and the catalogues hold them all."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
APPS = ("site", "home", "events", "stakeholders", "documents")
TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


def catalogue(language):
    with open(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def source_strings():
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for _lineno, message, _comments, _context in extract_from_file(
                "python", path, keywords={"_": None, "gettext": None, "gettext_lazy": None}
            ):
                found.add(message)
        for path in (ROOT / app).rglob("*.html"):
            found.update(match[1] for match in TEMPLATE_STRING.findall(path.read_text()))
    return found


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    entries = [message for message in catalogue(language) if message.id]
    assert entries
    assert not catalogue(language).fuzzy
    assert [m.id for m in entries if not all(m.string if m.pluralizable else [m.string])] == []
    assert [m.id for m in entries if m.fuzzy] == []


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_catalogue_holds_every_string_of_the_code(language):
    known = {message.id for message in catalogue(language)}
    assert sorted(source_strings() - known) == []


def test_arabic_catalogue_is_written_in_arabic_script():
    arabic = re.compile(r"[\u0600-\u06FF]")
    strings = [
        (message.id, form)
        for message in catalogue("ar")
        if message.id
        for form in (message.string if message.pluralizable else [message.string])
    ]
    # Technical identifiers such as "SHA-256" are written the same in every language.
    identifier = re.compile(r"^[A-Z0-9-]+:?$")
    assert [
        msgid for msgid, form in strings if not arabic.search(form) and not identifier.match(form)
    ] == []
