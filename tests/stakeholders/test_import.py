import csv
import html
import io
import re
import tempfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone, translation
from openpyxl import Workbook

from stakeholders import imports
from stakeholders.imports import ImportFileError, read_table
from stakeholders.models import Affiliation, ImportPreview, Organisation, Person

from .conftest import REGISTRY_PERMISSIONS

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/registry/organisations/"
PEOPLE = "/admin/registry/people/"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def csv_file(rows, delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


def xlsx_file(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, url, content, name="registry.csv", language="en"):
    return client.post(
        url + "import/",
        {"file": SimpleUploadedFile(name, content)},
        headers={"accept-language": language},
    )


def token_of(response):
    found = re.search(r'name="token" value="([^"]+)"', response.text)
    return found and found.group(1)


def confirm(client, url, response, language="en"):
    return client.post(
        url + "import/", {"token": token_of(response)}, headers={"accept-language": language}
    )


def import_file(client, url, content, name="registry.csv"):
    preview = upload(client, url, content, name)
    assert token_of(preview), re.findall(r"Row \d+:[^<]*", preview.text)
    response = confirm(client, url, preview)
    assert response.status_code == 302
    return response


def export(client, url, file_format):
    return b"".join(client.get(url + f"?export={file_format}").streaming_content)


def registry():
    """Everything the registry holds, to compare before and after."""
    translation.activate("fr")  # a translated field's original column reads the active language
    return {
        "organisations": [model_to_dict(o) for o in Organisation.objects.order_by("pk")],
        "people": [model_to_dict(p) for p in Person.objects.order_by("pk")],
        "affiliations": [model_to_dict(a) for a in Affiliation.objects.order_by("pk")],
    }


HEADER = ["name_fr", "name_ar", "kind", "country", "acronym_fr"]
GOOD_ROWS = [
    ["Ministère de l'Emploi", "وزارة التشغيل", "ministry", "TN", "MFPE"],
    ["Confédération marocaine", "الكونفدرالية", "employers_organisation", "MA", "CGEM"],
    ["Association Terre d'asile", "", "association", "TN", ""],
]


# Reading files


def test_read_table_numbers_rows_as_a_spreadsheet_does():
    table = read_table(csv_file([HEADER, GOOD_ROWS[0], [], GOOD_ROWS[1]]), "file.csv")

    assert table.headers == HEADER
    assert [number for number, _cells in table.rows] == [2, 4]
    assert table.rows[0][1]["name_ar"] == "وزارة التشغيل"


def test_read_table_takes_semicolons_as_french_excel_writes_them():
    table = read_table(csv_file([HEADER, GOOD_ROWS[0]], delimiter=";"), "file.csv")

    assert table.rows[0][1]["kind"] == "ministry"


def test_read_table_reads_xlsx_cells_as_text_and_never_a_formula():
    rows = [["id", "is_public", "name_fr", "name_en"], [3, True, "Ministère", "=A2&B2"]]

    table = read_table(xlsx_file(rows), "f.xlsx")

    # A formula gives its computed value, none here: a spreadsheet program never computed it.
    assert table.rows == [
        (2, {"id": "3", "is_public": "true", "name_fr": "Ministère", "name_en": ""})
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"name_fr\nx\n", "registry.txt", "Only .csv and .xlsx files can be imported."),
        (PNG, "registry.csv", "This file is not a CSV file: it holds binary data."),
        (b"name_fr\nMinist\xe8re\n", "registry.csv", "This CSV file is not in UTF-8."),
        (b"name_fr;kind\nx;ministry\n", "registry.xlsx", "This file is not an XLSX workbook."),
        (b"PK\x03\x04 not really a zip", "registry.xlsx", "This file is not an XLSX workbook."),
        (b"", "registry.csv", "The file is empty"),
        (b"name_fr,kind\n", "registry.csv", "The file has no rows under its headings."),
        (b"name_fr,name_fr\nx,y\n", "registry.csv", "Two columns of the file have the same name."),
        (b"x" * (2 * 1024 * 1024 + 1), "registry.csv", "The file is larger than 2 MB."),
    ],
)
def test_read_table_refuses_what_is_not_a_small_csv_or_xlsx_table(content, name, message):
    with translation.override("en"), pytest.raises(ImportFileError) as error:
        read_table(content, name)

    assert str(error.value).startswith(message)


def test_kept_upload_is_found_by_its_token_and_uploader_only(registry_staff, make_admin_user):
    token = imports.keep_upload(
        registry_staff,
        b"name_fr\nx\n",
        kind="organisation",
        filename="registry.csv",
        path=ORGANISATIONS + "import/",
        model="stakeholders.organisation",
    )
    other = make_admin_user(permissions=REGISTRY_PERMISSIONS)

    assert bytes(imports.read_upload(token, registry_staff, "organisation").content) == (
        b"name_fr\nx\n"
    )
    for user, kind in ((other, "organisation"), (registry_staff, "person")):
        with pytest.raises(ImportFileError):
            imports.read_upload(token, user, kind)
    imports.take_upload(token, registry_staff, "organisation")
    for wrong in (token, "../../etc/passwd", "", None):
        with pytest.raises(ImportFileError):
            imports.read_upload(wrong, registry_staff, "organisation")


def test_an_upload_older_than_a_day_has_expired(staff_client, registry_staff):
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))
    ImportPreview.objects.update(expires_at=timezone.now())

    response = confirm(staff_client, ORGANISATIONS, preview)

    assert "This import has expired" in staff_client.get(response["Location"]).text
    assert not Organisation.objects.exists()
    upload(staff_client, ORGANISATIONS, csv_file([HEADER, GOOD_ROWS[0]]))
    # The next upload purged it.
    assert ImportPreview.objects.filter(token=token_of(preview)).count() == 0


# Through the admin


def test_good_file_shows_a_preview_then_imports_every_row(staff_client):
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))

    assert preview.status_code == 200
    assert not Organisation.objects.exists()
    assert "This file will create 3, update 0 and leave 0 unchanged." in preview.text
    assert preview.text.count("w-status--primary") == 3
    assert "Confédération marocaine" in preview.text

    response = confirm(staff_client, ORGANISATIONS, preview)

    assert response.status_code == 302
    assert response["Location"] == ORGANISATIONS
    ministry = Organisation.objects.get(acronym_fr="MFPE")
    assert (ministry.name_fr, ministry.name_ar, ministry.country) == (
        "Ministère de l'Emploi",
        "وزارة التشغيل",
        "TN",
    )
    assert ministry.is_public  # a column the file leaves out takes the model's default
    assert Organisation.objects.count() == 3
    messages = staff_client.get(ORGANISATIONS).text
    assert "Imported: 3 created, 0 updated, 0 unchanged." in messages


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_file_with_one_bad_row_imports_nothing_and_names_the_row_in_the_users_language(
    staff_client, language
):
    rows = [HEADER, GOOD_ROWS[0], GOOD_ROWS[1], ["Ministère libyen", "", "ministry", "XX", ""]]

    response = upload(staff_client, ORGANISATIONS, csv_file(rows), language=language)

    assert not Organisation.objects.exists()
    assert token_of(response) is None
    row_error = "Row %(number)s: %(column)s: %(message)s"
    with translation.override(language):
        reason = forms.ChoiceField.default_error_messages["invalid_choice"] % {"value": "XX"}
        expected = translation.gettext(row_error) % {
            "number": 4,
            "column": "country",
            "message": reason,
        }
        row_4 = translation.gettext(row_error) % {"number": 4, "column": "country", "message": ""}
    if language != "en":
        assert row_4 != row_error % {"number": 4, "column": "country", "message": ""}
    errors = [html.unescape(error) for error in re.findall(r"<li>([^<]*)</li>", response.text)]
    [error] = [error for error in errors if error.startswith(row_4)]
    assert error == expected
    if language == "en":
        assert (
            error
            == "Row 4: country: Select a valid choice. XX is not one of the available choices."
        )


def test_every_invalid_row_is_reported(staff_client):
    rows = [
        ["name_fr", "kind", "country", "is_public", "website"],
        ["", "ministry", "TN", "yes", ""],
        ["Ministère", "spaceship", "TN", "oui", ""],
        ["Ministère 2", "ministry", "TN", "peut-être", "pas une adresse"],
    ]

    response = upload(staff_client, ORGANISATIONS, csv_file(rows))

    errors = re.findall(r"<li>(Row \d+: [^<]*)</li>", response.text)
    assert [error.split(":")[:2] for error in errors] == [
        ["Row 2", " name_fr"],
        ["Row 3", " kind"],
        ["Row 4", " is_public"],
        ["Row 4", " website"],
    ]
    assert "Nothing has been imported" in response.text


def test_an_import_whose_database_changed_since_the_preview_imports_nothing(
    staff_client, make_organisation
):
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))
    make_organisation("Confédération marocaine", acronym="CGEM", country="MA")
    make_organisation("Autre CGEM", acronym="CGEM", country="MA")

    response = confirm(staff_client, ORGANISATIONS, preview)

    assert response.status_code == 200
    assert "Row 3: several organisations match this row: give the id of one." in response.text
    assert Organisation.objects.count() == 2


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exporting_then_importing_gives_the_same_registry(
    staff_client, make_organisation, file_format
):
    parent = make_organisation("Gouvernement", country="TN", kind="ministry")
    make_organisation(
        "=Ministère de l'Emploi",
        ar="وزارة التشغيل والتكوين المهني",
        en="Ministry of Employment",
        acronym="MFPE",
        parent=parent,
        phone="+216 71 000 000",
        address="@rue de Rome\nTunis",
        website="https://www.emploi.gov.tn/",
        email="contact@emploi.gov.tn",
    )
    make_organisation("Coopération", country="", kind="donor", is_public=False, acronym="-")
    before = registry()
    content = export(staff_client, ORGANISATIONS, file_format)

    preview = upload(staff_client, ORGANISATIONS, content, name=f"export.{file_format}")

    assert "This file will create 0, update 0 and leave 3 unchanged." in preview.text
    confirm(staff_client, ORGANISATIONS, preview)
    assert registry() == before


def test_an_edited_export_updates_only_what_changed(staff_client, make_organisation):
    ministry = make_organisation("Ministère", acronym="MFPE", phone="71 000 000")
    make_organisation("Institut", acronym="INS")
    rows = list(
        csv.reader(io.StringIO(export(staff_client, ORGANISATIONS, "csv").decode("utf-8-sig")))
    )
    phone = rows[0].index("phone")
    [row] = [row for row in rows if row[0] == str(ministry.pk)]
    row[phone] = "71 111 111"
    rows.append(["", "Nouvelle association", "", "", "", "", "", "association", "", "TN"])

    preview = upload(staff_client, ORGANISATIONS, csv_file(rows))

    assert "This file will create 1, update 1 and leave 1 unchanged." in preview.text
    assert "<code>phone</code>: <del>71 000 000</del> → <ins>71 111 111</ins>" in preview.text
    confirm(staff_client, ORGANISATIONS, preview)
    ministry.refresh_from_db()
    assert ministry.phone == "71 111 111"
    assert Organisation.objects.filter(name_fr="Nouvelle association").exists()


def test_a_row_without_id_updates_the_organisation_with_its_acronym_and_country(
    staff_client, make_organisation
):
    tunisian = make_organisation("Ministère", acronym="MFPE", country="TN", phone="1")
    moroccan = make_organisation("Ministère", acronym="MFPE", country="MA", phone="2")

    import_file(
        staff_client,
        ORGANISATIONS,
        csv_file([["acronym_fr", "country", "phone"], ["mfpe", "MA", "212"]]),
    )

    tunisian.refresh_from_db(), moroccan.refresh_from_db()
    assert (tunisian.phone, moroccan.phone) == ("1", "212")
    assert moroccan.name_fr == "Ministère"  # the columns left out keep their values


def test_two_rows_about_the_same_organisation_are_an_error(staff_client):
    rows = [HEADER, GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0]]

    response = upload(staff_client, ORGANISATIONS, csv_file(rows))

    assert "Row 4: the same as row 2." in response.text
    assert not Organisation.objects.exists()


def test_an_unknown_id_is_an_error_of_its_row(staff_client):
    response = upload(
        staff_client, ORGANISATIONS, csv_file([["id", "name_fr", "kind"], ["999", "X", "ministry"]])
    )

    assert "Row 2: id: no organisation has the id “999”." in response.text


def test_unknown_columns_are_ignored_and_named(staff_client):
    response = upload(
        staff_client, ORGANISATIONS, csv_file([[*HEADER, "notes"], [*GOOD_ROWS[0], "à voir"]])
    )

    assert "Ignored columns: notes" in response.text
    assert token_of(response)


def test_file_with_no_known_column_is_refused(staff_client):
    response = upload(staff_client, ORGANISATIONS, csv_file([["nom", "type"], ["x", "y"]]))

    assert "No column of this file is known." in response.text
    assert token_of(response) is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "registry.csv", "This file is not a CSV file: it holds binary data."),
        (PNG, "registry.xlsx", "This file is not an XLSX workbook."),
        (b"name_fr\nx\n", "registry.pdf", "Only .csv and .xlsx files can be imported."),
        (b"x" * (2 * 1024 * 1024 + 1), "registry.csv", "The file is larger than 2 MB."),
    ],
)
def test_upload_that_is_not_a_small_csv_or_xlsx_is_refused_with_a_clear_error(
    staff_client, content, name, message
):
    response = upload(staff_client, ORGANISATIONS, content, name=name)

    assert response.status_code == 200
    assert message in response.text
    assert token_of(response) is None


def test_a_preview_is_confirmed_through_another_session_and_server(
    staff_client, registry_staff, monkeypatch, tmp_path
):
    """Behind several app servers, the upload and its confirmation may reach different ones,
    each with its own temporary folder; the uploader may also have logged in again since."""
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # another server's temp folder
    other_server = Client()
    other_server.force_login(registry_staff)  # a new session

    reopened = other_server.get(ORGANISATIONS + "import/", {"token": token_of(preview)})
    assert token_of(reopened) == token_of(preview)
    response = confirm(other_server, ORGANISATIONS, preview)

    assert response["Location"] == ORGANISATIONS
    assert Organisation.objects.count() == 3
    assert not list(tmp_path.iterdir())
    assert not ImportPreview.objects.exists()


def test_a_token_of_another_users_upload_imports_nothing(staff_client, client, make_admin_user):
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))
    client.force_login(make_admin_user(permissions=REGISTRY_PERMISSIONS))

    response = confirm(client, ORGANISATIONS, preview)

    assert response.status_code == 302
    assert not Organisation.objects.exists()
    assert (
        "This import has expired: upload the file again." in client.get(response["Location"]).text
    )


def test_a_confirmed_import_cannot_be_confirmed_twice(staff_client):
    preview = upload(staff_client, ORGANISATIONS, csv_file([HEADER, GOOD_ROWS[2]]))
    confirm(staff_client, ORGANISATIONS, preview)

    confirm(staff_client, ORGANISATIONS, preview)

    assert Organisation.objects.count() == 1


def test_import_needs_the_add_and_change_permissions(client, make_admin_user):
    client.force_login(
        make_admin_user(
            permissions=["stakeholders.view_organisation", "stakeholders.add_organisation"]
        )
    )

    response = upload(client, ORGANISATIONS, csv_file([HEADER, *GOOD_ROWS]))

    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()


# People


PERSON_HEADER = ["first_name", "last_name", "last_name_ar", "email", "organisation", "position"]


def test_people_import_adds_people_with_their_affiliations(staff_client, make_organisation):
    ministry, union = make_organisation("Ministère"), make_organisation("Syndicat")
    rows = [
        [*PERSON_HEADER, "is_focal_point"],
        ["Amel", "Ben Ali", "بن علي", "amel@example.org", ministry.pk, "Directrice", "oui"],
        ["Amel", "Ben Ali", "بن علي", "AMEL@example.org", union.pk, "Membre", "non"],
        ["Sami", "Trabelsi", "", "", "", "", ""],
    ]

    preview = upload(staff_client, PEOPLE, csv_file(rows))

    assert "This file will create 2, update 1 and leave 0 unchanged." in preview.text
    confirm(staff_client, PEOPLE, preview)
    amel = Person.objects.get(email="amel@example.org")
    assert amel.last_name_ar == "بن علي"
    assert sorted(amel.affiliations.values_list("organisation__name_fr", "is_focal_point")) == [
        ("Ministère", True),
        ("Syndicat", False),
    ]
    assert Person.objects.count() == 2


def test_people_import_refuses_a_person_described_two_ways(staff_client, make_organisation):
    ministry = make_organisation()
    rows = [
        PERSON_HEADER,
        ["Amel", "Ben Ali", "", "amel@example.org", ministry.pk, "Directrice"],
        ["Amal", "Ben Ali", "", "amel@example.org", ministry.pk, "Membre"],
    ]

    response = upload(staff_client, PEOPLE, csv_file(rows))

    assert "Row 3: the same person as row 2, described differently." in response.text
    assert not Person.objects.exists()


def test_people_import_reports_an_unknown_organisation(staff_client):
    rows = [PERSON_HEADER, ["Amel", "Ben Ali", "", "", "999", ""]]

    response = upload(staff_client, PEOPLE, csv_file(rows))

    assert re.search(r"Row 2: organisation: [^<]+", response.text)
    assert not Person.objects.exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exporting_then_importing_people_gives_the_same_registry(
    staff_client, make_person, make_affiliation, file_format
):
    amel = make_person(
        "Amel",
        "Ben Ali",
        first_name_ar="أمل",
        last_name_ar="بن علي",
        email="amel@example.org",
        phone="+216 98 000 000",
        consents_to_listing=True,
        gender="woman",
    )
    make_affiliation(person=amel, position="Directrice", is_focal_point=True)
    make_person("=Sami", "-Trabelsi")
    before = registry()
    content = export(staff_client, PEOPLE, file_format)

    preview = upload(staff_client, PEOPLE, content, name=f"people.{file_format}")

    assert "This file will create 0, update 0 and leave 2 unchanged." in preview.text
    assert "Ignored columns" not in preview.text
    confirm(staff_client, PEOPLE, preview)
    assert registry() == before


def test_people_import_updates_an_affiliation_and_leaves_an_unchanged_one_alone(
    staff_client, make_affiliation, make_organisation
):
    affiliation = make_affiliation(position="Directrice")
    other = make_affiliation(person=affiliation.person, position="Membre")
    header = ["id", "first_name", "last_name", "organisation", "position", "is_focal_point"]
    person = affiliation.person
    row = [person.pk, person.first_name, person.last_name]

    unchanged = upload(
        staff_client,
        PEOPLE,
        csv_file([header, [*row, other.organisation_id, "Membre", "false"]]),
    )
    preview = upload(
        staff_client,
        PEOPLE,
        csv_file([header, [*row, affiliation.organisation_id, "Directrice", "true"]]),
    )

    assert "This file will create 0, update 0 and leave 1 unchanged." in unchanged.text
    assert "This file will create 0, update 1 and leave 0 unchanged." in preview.text
    assert "<code>is_focal_point</code>: <del>False</del> → <ins>True</ins>" in preview.text
    confirm(staff_client, PEOPLE, preview)
    affiliation.refresh_from_db()
    assert affiliation.is_focal_point
    assert Affiliation.objects.count() == 2
