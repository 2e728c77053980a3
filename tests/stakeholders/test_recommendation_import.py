# ruff: noqa: F811 - the fixtures of test_recommendations.py are imported, then used as arguments
"""Recommendations to and from CSV/XLSX in the admin: export → import of the same file changes
nothing; a file with one bad row imports nothing; status and progress are never imported."""

import csv
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.utils import translation
from openpyxl import load_workbook

from stakeholders.models import Recommendation

from .test_recommendations import (  # noqa: F401 - fixtures
    make_recommendation,
    org_a,
    org_b,
    recommendation_staff,
)

pytestmark = pytest.mark.django_db

URL = "/admin/recommendations/"


@pytest.fixture
def staff(client, recommendation_staff):
    client.force_login(recommendation_staff)
    return client


@pytest.fixture
def recommendations(org_a, org_b, make_recommendation, make_person, make_protocol):
    person = make_person("Nadia", "Suivi")
    protocol = make_protocol()
    first = make_recommendation(
        org_a,
        supporting=[org_b],
        reference="TN-SIM-2024-R05",
        title_ar="إنشاء مرصد وطني للهجرة",
        theme="=HYPERLINK(A1;B1)",
        theme_fr="=HYPERLINK(A1;B1)",
        theme_en="@SUM(1+1)",
        indicator="-2 % d'écart",
        indicator_fr="-2 % d'écart",
        target_date=datetime.date(2026, 6, 30),
        priority="high",
        public=True,
        status="in_progress",
        progress=40,
    )
    first.focal_points.set([person])
    first.protocols.set([protocol])
    second = make_recommendation(None, reference="XM-REG-2025-R01", country="XM", axis="data")
    return [first, second]


def everything():
    """Every recommendation's fields and relations, to compare before and after."""
    translation.activate("fr")
    rows = []
    for recommendation in Recommendation.objects.order_by("pk"):
        row = model_to_dict(recommendation)
        row["updated_at"] = None
        rows.append(row)
    return rows


def export(client, file_format):
    response = client.get(f"{URL}?export={file_format}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def token_of(response):
    found = re.search(r'name="token" value="([^"]+)"', response.text)
    return found and found.group(1)


def upload(client, content, name):
    return client.post(URL + "import/", {"file": SimpleUploadedFile(name, content)})


def import_file(client, content, name):
    preview = upload(client, content, name)
    assert token_of(preview), re.findall(r"(?:Row|Ligne) \d+[^<]*", preview.text)
    return preview, client.post(URL + "import/", {"token": token_of(preview)})


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def csv_file(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_of_the_same_file_changes_nothing(staff, recommendations, file_format):
    before = everything()
    content = export(staff, file_format)

    preview, confirmed = import_file(staff, content, f"recommendations.{file_format}")

    assert preview.context["plan_counts"] == {"create": 0, "update": 0, "unchanged": 2}
    assert confirmed.status_code == 302
    assert everything() == before


def test_csv_round_trip_keeps_double_quotes(staff, recommendations):
    Recommendation.objects.filter(pk=recommendations[0].pk).update(
        theme_fr='Le « Pacte » et le "Plan"'
    )
    before = everything()

    import_file(staff, export(staff, "csv"), "recommendations.csv")

    assert everything() == before


def test_export_is_formula_safe_and_names_related_objects_by_id(
    staff, recommendations, org_a, org_b
):
    rows = csv_rows(export(staff, "csv"))
    first = next(row for row in rows if row["reference"] == "TN-SIM-2024-R05")

    assert first["theme_fr"] == "'=HYPERLINK(A1;B1)"
    assert first["theme_en"] == "'@SUM(1+1)"
    assert first["indicator_fr"] == "'-2 % d'écart"
    assert first["lead_organisation"] == str(org_a.pk)
    assert first["supporting_organisations"] == str(org_b.pk)
    assert first["title_ar"] == "إنشاء مرصد وطني للهجرة"
    assert (first["status"], first["progress"]) == ("in_progress", "40")

    sheet = load_workbook(io.BytesIO(export(staff, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_import_creates_and_updates_by_reference(staff, recommendations, org_a, org_b):
    rows = csv_rows(export(staff, "csv"))
    for row in rows:
        row["id"] = ""
    rows[0]["title_fr"] = "Titre revu"
    rows[1].update(
        reference="MA-NEW-2026-R01",
        country="MA",
        supporting_organisations=f"{org_a.pk}; {org_b.pk}",
    )

    preview, _confirmed = import_file(staff, csv_file(rows), "recommendations.csv")

    assert preview.context["plan_counts"] == {"create": 1, "update": 1, "unchanged": 0}
    assert Recommendation.objects.get(reference="TN-SIM-2024-R05").title_fr == "Titre revu"
    created = Recommendation.objects.get(reference="MA-NEW-2026-R01")
    assert set(created.supporting_organisations.all()) == {org_a, org_b}
    assert (created.status, created.progress) == ("not_started", 0)


def test_status_and_progress_are_never_imported(staff, recommendations):
    rows = csv_rows(export(staff, "csv"))
    for row in rows:
        row.update(status="implemented", progress="100")

    preview, _confirmed = import_file(staff, csv_file(rows), "recommendations.csv")

    assert preview.context["plan_counts"]["unchanged"] == 2
    assert not Recommendation.objects.filter(status="implemented").exists()


def test_a_file_with_one_bad_row_imports_nothing(staff, recommendations):
    before = everything()
    rows = csv_rows(export(staff, "csv"))
    rows.append({**rows[1], "id": "", "reference": "TN-NEW-2026-R09"})
    rows[0]["title_fr"] = "Changé"
    rows[1]["axis"] = "nowhere"

    preview = upload(staff, csv_file(rows), "recommendations.csv")

    assert token_of(preview) is None
    errors = preview.context["plan"].errors
    assert len(errors) == 1 and "3" in errors[0]
    with translation.override("fr"):
        nothing = translation.gettext(
            "Nothing has been imported: correct these rows and upload the file again."
        )
    assert nothing in preview.text
    assert everything() == before
    assert not Recommendation.objects.filter(reference="TN-NEW-2026-R09").exists()


def test_unknown_related_ids_are_row_errors(staff, recommendations):
    rows = csv_rows(export(staff, "csv"))
    rows[0]["supporting_organisations"] = "999999"
    rows[1]["lead_organisation"] = "888888"

    preview = upload(staff, csv_file(rows), "recommendations.csv")

    errors = preview.context["plan"].errors
    assert len(errors) == 2
    assert "supporting_organisations" in errors[0]
    assert "lead_organisation" in errors[1]


def test_two_rows_for_one_reference_are_refused(staff, recommendations):
    rows = csv_rows(export(staff, "csv"))
    rows = [
        {**rows[1], "id": "", "reference": "TN-DUP-1"},
        {**rows[1], "id": "", "reference": "tn-dup-1"},
    ]

    preview = upload(staff, csv_file(rows), "recommendations.csv")

    assert len(preview.context["plan"].errors) == 1


def test_import_needs_the_add_and_change_permissions(client, make_admin_user):
    client.force_login(make_admin_user(permissions=["stakeholders.view_recommendation"]))

    response = client.get(URL + "import/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal
