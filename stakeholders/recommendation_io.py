"""Recommendations to and from CSV/XLSX: one format for both ways, so an export re-imports as is.

The export is the admin listing's (stakeholders/admin_views/recommendations.py, formula-safe
through stakeholders/exports.py); the import is the registry's (stakeholders/imports.py: type
and size checks, a preview of every row, all rows or none), with this importer.

Columns are field names. Related objects are given by id: `source_page` (a page),
`source_document`, `lead_organisation`; and, separated by semicolons, `supporting_organisations`,
`focal_points` (people) and `protocols`. `status` and `progress` are exported but never
imported: only a validated progress update moves them (stakeholders/recommendations.py).
A row updates the recommendation whose `id` it gives, else the one with its `reference`;
otherwise it creates one. A column the file leaves out keeps its current value.
"""

from django import forms
from django.utils.translation import gettext_lazy

from . import imports
from .models import Recommendation

TRANSLATED = ("title", "text", "theme", "indicator", "baseline", "target", "means_of_verification")


def _translated(name):
    return [f"{name}_{language}" for language in ("fr", "ar", "en")]


FOREIGN_KEYS = ("source_page", "source_document", "lead_organisation")
MANY = ("supporting_organisations", "focal_points", "protocols")
EXPORT_ONLY = ["status", "progress"]
COLUMNS = [
    "id",
    "reference",
    *_translated("title"),
    *_translated("text"),
    "source_page",
    "source_document",
    "axis",
    "country",
    *_translated("theme"),
    "priority",
    "lead_organisation",
    "supporting_organisations",
    "focal_points",
    "target_date",
    *_translated("indicator"),
    *_translated("baseline"),
    *_translated("target"),
    *_translated("means_of_verification"),
    "is_public",
    "protocols",
    *EXPORT_ONLY,
]
SEPARATOR = "; "


def ids_text(objects):
    """`3; 12; 40`: the ids of related objects, in order, as a cell holds them."""
    return SEPARATOR.join(str(pk) for pk in sorted(getattr(o, "pk", o) for o in objects))


def split_ids(cell):
    return [part.strip() for part in str(cell).replace(",", ";").split(";") if part.strip()]


def _foreign_key(name):
    return lambda recommendation: getattr(recommendation, f"{name}_id")


def _many(name):
    return lambda recommendation: ids_text(getattr(recommendation, name).all())


# For FormulaSafeExportMixin: the export's cells that are no plain attribute.
EXPORT_ACCESSORS = {
    **{name: _foreign_key(name) for name in FOREIGN_KEYS},
    **{name: _many(name) for name in MANY},
}


class RecommendationImportForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        formfield_callback = imports.https_by_default
        fields = [column for column in COLUMNS if column not in ("id", *EXPORT_ONLY)]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_fr"].required = True
        self.fields["text_fr"].required = True


class RecommendationImporter(imports.Importer):
    model = Recommendation
    form_class = RecommendationImportForm
    columns = ["id", *RecommendationImportForm._meta.fields]
    export_only_columns = EXPORT_ONLY
    help_text = gettext_lazy(
        "A row with an id updates that recommendation; without one, the recommendation with the "
        "same reference; otherwise it creates one. Pages, documents, organisations, people and "
        "protocols are given by their id; several of them separated by semicolons. Status and "
        "progress are not imported: only a validated progress update changes them. A column "
        "left out of the file keeps its values."
    )

    def find_without_id(self, cells):
        reference = cells.get("reference", "").strip()
        return Recommendation.objects.filter(reference=reference).first() if reference else None

    def key(self, form, instance):
        if instance:
            return super().key(form, instance)
        return ("new", form.cleaned_data["reference"].lower())

    def bind(self, form_class, instance, cells, row):
        cells = dict(cells)
        for name in MANY:
            if name in cells:
                cells[name] = split_ids(cells[name])
            elif instance.pk:
                cells[name] = [str(o.pk) for o in getattr(instance, name).all()]
            else:
                cells[name] = []
        return super().bind(form_class, instance, cells, row)

    def plan_row(self, number, cells):
        row = super().plan_row(number, cells)
        if row.form is not None:
            row.changes = [
                (
                    name,
                    ids_text(row.form.initial.get(name, [])),
                    ids_text(row.form.cleaned_data[name]),
                )
                if name in MANY
                else (name, before, after)
                for name, before, after in row.changes
            ]
        return row


# The registry's import view finds importers by kind.
imports.IMPORTERS.setdefault("recommendation", RecommendationImporter)


def plan_import(table):
    """What importing the table would do, row by row, changing nothing."""
    return imports.plan_import("recommendation", table)


def run_import(table):
    """All rows in one transaction, or none when a row is invalid."""
    return imports.run_import("recommendation", table)
