"""Spreadsheet exports of the registry that no spreadsheet program will run as a formula.

Wagtail's SpreadsheetExportMixin turns an XLSX cell that openpyxl reads as a formula (one that
starts with `=`) back into text, and does nothing for CSV. A cell that starts with `+`, `-`, `@`,
a tab or a carriage return is a formula too for Excel and LibreOffice once it is typed or opened
from a CSV file (CSV injection, OWASP). So, in one place for every registry export:

- CSV: such a cell is written behind a single quote (`'=1+1`), as OWASP recommends; `unescape_csv`
  takes it away again when the file is imported, so an export re-imports as it was;
- XLSX: such a cell is a string cell with Excel's "quote prefix", which keeps it text even when
  someone edits it;
- CSV files begin with a byte-order mark, so that Excel reads their Arabic as UTF-8.

The column keys are the model's field names, the same in every language: a file exported from the
Arabic admin imports in the French one (see stakeholders/imports.py).
"""

import re

from wagtail.coreutils import multigetattr

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A cell that starts like a formula, or like an escaped one (quotes before a formula prefix): the
# second kind is escaped once more, so that unescaping gives back exactly what was exported.
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
UTF8_BOM = "\ufeff"

ORGANISATION_COLUMNS = [
    "id",
    "name_fr",
    "name_ar",
    "name_en",
    "acronym_fr",
    "acronym_ar",
    "acronym_en",
    "kind",
    "constituency",
    "country",
    "parent",
    "website",
    "email",
    "phone",
    "address",
    "is_public",
]
PERSON_COLUMNS = [
    "id",
    "first_name",
    "last_name",
    "first_name_ar",
    "last_name_ar",
    "gender",
    "email",
    "phone",
    "consents_to_contact",
    "consents_to_contact_at",
    "consents_to_listing",
    "consents_to_listing_at",
    "account",
    "organisations",
]


def is_formula_like(value):
    """True for a text a spreadsheet would evaluate: `=1+1`, `+216 71…`, `-x`, `@SUM(…)`…"""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def escape_csv(value):
    """`=1+1` -> `'=1+1`; anything else, and any value that is not text, unchanged."""
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def unescape_csv(value):
    """The inverse of `escape_csv`: `'=1+1` -> `=1+1`; `'quoted` stays as it is."""
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


class FormulaSafeExportMixin:
    """For a Wagtail IndexView: its CSV and XLSX exports never hold a live formula.

    Column headings are the keys of `list_export` (or `export_headings`), not translated labels.
    `export_accessors` maps a key to a function of the item, for values that are no attribute.
    """

    export_accessors = {}

    def to_row_dict(self, item):
        return {
            field: (
                self.export_accessors[field](item)
                if field in self.export_accessors
                else multigetattr(item, field)
            )
            for field in self.list_export
        }

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: escape_csv(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield UTF8_BOM.encode()
        yield from super().stream_csv(queryset)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
