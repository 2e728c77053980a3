"""Importing organisations and people from a CSV or XLSX file: all rows or none.

`read_table` reads a file into rows of text (checking its type and size); an importer validates
every row with a ModelForm and plans, row by row, what it would create or update (the preview);
`run_import` plans again and applies the plan in one transaction, only when no row is invalid.
Between the preview and the confirmation the file waits in the database (`keep_upload`), for its
uploader, whichever app server and session the confirmation reaches.

The columns are the export's (stakeholders/exports.py), so an export re-imports as it was.
A row updates the organisation whose `id` it gives; without an id, the one with the same French
acronym and country, else the same French name and country; otherwise it creates one. A person
is matched by `id`, else by email address. A column the file leaves out keeps its current value.
"""

import csv
import datetime
import io
import itertools
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.parsing import decimal_id

from .exports import ORGANISATION_COLUMNS, PERSON_COLUMNS, unescape_csv
from .models import Affiliation, ImportPreview, Organisation, Person

MAX_UPLOAD_SIZE = 2 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX file is a zip archive: refuse one that would inflate beyond this (a "zip bomb").
MAX_XLSX_UNCOMPRESSED_SIZE = 50 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
TRUE_WORDS = {"true", "1", "yes", "y", "x", "oui", "vrai", "نعم"}
FALSE_WORDS = {"false", "0", "no", "n", "non", "faux", "لا", ""}


class ImportFileError(ValueError):
    """The file cannot be read as a table; its message is for the user."""


class RowError(ValueError):
    """A row cannot be imported; the message is for the user, about `column` if given."""

    def __init__(self, message, column=None):
        super().__init__(message)
        self.column = column


@dataclass
class Table:
    headers: list
    rows: list  # [(row number in the spreadsheet, {header: text})]


# Reading files -------------------------------------------------------------------------------


def extension_of(filename):
    return Path(filename).suffix.lower()


def read_table(data, filename):
    """The file's rows as text, numbered as a spreadsheet shows them (the headings are row 1)."""
    extension = extension_of(filename)
    if extension not in EXTENSIONS:
        raise ImportFileError(_("Only .csv and .xlsx files can be imported."))
    if len(data) > MAX_UPLOAD_SIZE:
        raise ImportFileError(_("The file is larger than 2 MB."))
    records = _read_csv(data) if extension == ".csv" else _read_xlsx(data)
    return _table(records)


def _read_csv(data):
    if b"\x00" in data:
        raise ImportFileError(_("This file is not a CSV file: it holds binary data."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("This CSV file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=",;\t")
        # The header line holds no quote to learn from: spreadsheets double them ("").
        dialect.doublequote = True
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(itertools.islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 2))
    except csv.Error as error:
        message = _("This CSV file cannot be read: %(error)s") % {"error": error}
        raise ImportFileError(message) from None
    return [[unescape_csv(cell) for cell in record] for record in records]


def _read_xlsx(data):
    from openpyxl import load_workbook

    not_xlsx = ImportFileError(_("This file is not an XLSX workbook."))
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_XLSX_UNCOMPRESSED_SIZE:
                raise not_xlsx
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            rows = itertools.islice(rows, MAX_ROWS + 2)
            records = [[_text(value) for value in row] for row in rows]
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise not_xlsx from None
    return records


def _text(value):
    """An XLSX cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _table(records):
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileError(_("The file is empty: its first row must name the columns."))
    if len(records) > MAX_ROWS + 1:
        raise ImportFileError(
            _("The file has more than %(count)s rows: split it.") % {"count": MAX_ROWS}
        )
    headers = [cell.strip().lower() for cell in records[0]]
    named = [header for header in headers if header]
    if len(set(named)) != len(named):
        raise ImportFileError(_("Two columns of the file have the same name."))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if any(cell.strip() for cell in record):
            cells = dict(zip(headers, record, strict=False))
            rows.append((number, {header: cells.get(header, "") for header in named}))
    if not rows:
        raise ImportFileError(_("The file has no rows under its headings."))
    return Table(named, rows)


# The upload between the preview and the confirmation ---------------------------------------

UPLOAD_LIFETIME = datetime.timedelta(hours=24)
PENDING_IMPORTS = 3  # the previews an uploader keeps waiting for their confirmation


def _expired():
    return ImportFileError(_("This import has expired: upload the file again."))


def keep_upload(user, data, *, kind, filename, path, model):
    """Keeps an uploaded file, in the database, until its uploader confirms it from any session
    and through any app server; returns the random token that finds it. Expired previews and
    the uploader's previews beyond the PENDING_IMPORTS newest go."""
    now = timezone.now()
    ImportPreview.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(32)
    ImportPreview.objects.create(
        token=token,
        uploaded_by=user,
        kind=kind,
        model=model,
        path=path,
        filename=filename,
        content=data,
        expires_at=now + UPLOAD_LIFETIME,
    )
    newest = user.import_previews.order_by("-created_at", "-pk")[:PENDING_IMPORTS]
    user.import_previews.exclude(pk__in=list(newest.values_list("pk", flat=True))).delete()
    return token


def waiting_uploads(user):
    """The user's previews not confirmed yet and not expired, oldest first."""
    return user.import_previews.filter(expires_at__gt=timezone.now()).defer("content")


def read_upload(token, user, kind):
    """The preview of `kind` that `user` uploaded under `token`; ImportFileError if there is none
    (another user's, expired, confirmed already)."""
    if not isinstance(token, str) or not user.is_authenticated:
        raise _expired()
    preview = waiting_uploads(user).filter(token=token, kind=kind).defer(None).first()
    if preview is None:
        raise _expired()
    return preview


def take_upload(token, user, kind):
    """read_upload, and the preview is gone: of two confirmations at once, only one gets it."""
    preview = read_upload(token, user, kind)
    deleted, _counts = ImportPreview.objects.filter(pk=preview.pk).delete()
    if not deleted:
        raise _expired()
    return preview


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A .csv (UTF-8) or .xlsx file of at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if extension_of(upload.name) not in EXTENSIONS:
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        self.data_bytes = upload.read()
        try:
            self.table = read_table(self.data_bytes, upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


# Planning and applying ----------------------------------------------------------------------


@dataclass
class Row:
    """One row of the file and what importing it does."""

    number: int
    action: str = ""  # "create", "update", "unchanged"; "" for an invalid row
    label: str = ""
    changes: list = field(default_factory=list)  # [(column, value before, value after)]
    errors: list = field(default_factory=list)
    form: forms.ModelForm | None = field(default=None, repr=False)

    def error(self, message, column=None):
        if column:
            text = _("Row %(number)s: %(column)s: %(message)s")
        else:
            text = _("Row %(number)s: %(message)s")
        self.errors.append(text % {"number": self.number, "column": column, "message": message})

    @property
    def changed(self):
        return [column for column, _before, _after in self.changes]

    def touch(self, changes):
        """Something of the row's object changes besides its own fields."""
        self.changes.extend(changes)
        if changes and self.action == "unchanged":
            self.action = "update"


@dataclass
class Plan:
    rows: list
    ignored_columns: list
    applied: bool = False

    @property
    def errors(self):
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self):
        return not self.errors

    def count(self, action):
        return sum(row.action == action for row in self.rows)


def changes_of(form):
    """[(field, value before, value after)] for each field a valid bound form changes."""

    def shown(value):
        return "" if value is None else str(getattr(value, "pk", value))

    return [
        (name, shown(form.initial.get(name)), shown(form.cleaned_data[name]))
        for name in form.changed_data
    ]


def yes_or_no(value):
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise forms.ValidationError(_("“%(value)s” is neither yes nor no.") % {"value": value})


class Importer:
    """Plans the import of a table, each row validated by `form_class`, and applies the plan."""

    model = None
    form_class = None
    columns = []  # the columns it reads
    export_only_columns = []  # columns of the export it leaves alone
    row_class = Row
    help_text = ""

    def __init__(self, table):
        self.table = table
        self.first_rows = {}  # an object's key -> the first row about it

    def plan(self):
        if not any(header in self.columns for header in self.table.headers):
            raise ImportFileError(
                _("No column of this file is known. Expected columns: %(columns)s.")
                % {"columns": ", ".join(self.columns)}
            )
        known = {*self.columns, *self.export_only_columns}
        ignored = [header for header in self.table.headers if header not in known]
        return Plan([self.plan_row(number, cells) for number, cells in self.table.rows], ignored)

    def plan_row(self, number, cells):
        row = self.row_class(number)
        try:
            instance = self.find(cells)
        except RowError as error:
            row.error(str(error), error.column)
            return row
        row.form = self.bind(self.form_class, instance or self.model(), cells, row)
        if row.form is None:
            return row
        row.label = str(row.form.instance)
        if instance is None:
            row.action = "create"
        else:
            row.changes = changes_of(row.form)
            row.action = "update" if row.changes else "unchanged"
        self.check_repeat(row, self.key(row.form, instance))
        return row

    def bind(self, form_class, instance, cells, row):
        """A valid form of the row's cells, with the instance's values for the columns left out;
        None, with the row's errors reported, when the cells are not valid."""
        names = form_class._meta.fields
        data = {
            name: "" if value is None else value
            for name, value in model_to_dict(instance, names).items()
        }
        data.update({name: cells[name] for name in names if name in cells})
        valid = True
        for name in names:
            if isinstance(form_class.base_fields[name], forms.BooleanField):
                try:
                    data[name] = yes_or_no(data[name])
                except forms.ValidationError as error:
                    row.error(error.messages[0], name)
                    valid = False
        form = form_class(data, instance=instance)
        if not form.is_valid():
            for name, messages in form.errors.items():
                for message in messages:
                    row.error(message, None if name == "__all__" else name)
            return None
        return form if valid else None

    def check_repeat(self, row, key):
        """Two rows about the same object: the second is an error."""
        first = self.first_rows.setdefault(key, row) if key else row
        if first is not row:
            row.error(_("the same as row %(first)s.") % {"first": first.number})

    def find(self, cells):
        """The existing object the row updates, or None to create one."""
        raw = cells.get("id", "").strip()
        if not raw:
            return self.find_without_id(cells)
        try:
            return self.model.objects.get(pk=int(raw))
        except (ValueError, self.model.DoesNotExist):
            message = _("no %(model)s has the id “%(id)s”.") % {
                "model": self.model._meta.verbose_name,
                "id": raw,
            }
            raise RowError(message, "id") from None

    def find_without_id(self, cells):
        return None

    def find_one(self, queryset):
        found = list(queryset[:2])
        if len(found) > 1:
            raise RowError(
                _("several %(models)s match this row: give the id of one.")
                % {"models": self.model._meta.verbose_name_plural}
            )
        return found[0] if found else None

    def key(self, form, instance):
        """What identifies the row's object within the file; None when nothing does."""
        return ("id", instance.pk) if instance else None

    def apply(self, plan):
        for row in plan.rows:
            if row.action != "unchanged":
                row.form.save()


def https_by_default(db_field, **kwargs):
    """A web address typed without its scheme is an https one (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class OrganisationImportForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = [column for column in ORGANISATION_COLUMNS if column not in ("id", "constituency")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_fr"].required = True

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent and parent.pk == self.instance.pk:
            raise forms.ValidationError(_("an organisation cannot be its own parent."))
        return parent


class OrganisationImporter(Importer):
    model = Organisation
    form_class = OrganisationImportForm
    columns = ["id", *OrganisationImportForm._meta.fields]
    export_only_columns = ["constituency"]
    help_text = gettext_lazy(
        "A row with an id updates that organisation; without one, the organisation with the same "
        "French acronym (or else French name) and country; otherwise it creates one. A column "
        "left out of the file keeps its values."
    )

    def find_without_id(self, cells):
        country = cells.get("country", "").strip()
        if acronym := cells.get("acronym_fr", "").strip():
            return self.find_one(
                Organisation.objects.filter(country=country, acronym_fr__iexact=acronym)
            )
        if name := cells.get("name_fr", "").strip():
            return self.find_one(Organisation.objects.filter(country=country, name_fr__iexact=name))
        return None

    def key(self, form, instance):
        if instance:
            return super().key(form, instance)
        data = form.cleaned_data
        return ("new", (data["acronym_fr"] or data["name_fr"]).lower(), data["country"])


class PersonImportForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = Person.EDITABLE_FIELDS


class AffiliationImportForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "position", "is_focal_point", "is_signatory", "since", "until"]


PERSON_IMPORT_COLUMNS = ["id", *PersonImportForm._meta.fields, *AffiliationImportForm._meta.fields]


@dataclass
class PersonRow(Row):
    same_as: Row | None = None  # an earlier row about the same person
    affiliation_form: forms.ModelForm | None = field(default=None, repr=False)
    affiliation_is_new: bool = False

    @property
    def person_row(self):
        return self.same_as or self


class PersonImporter(Importer):
    """People, each row with one affiliation or none: a person of several takes several rows,
    which must describe the person the same way."""

    model = Person
    form_class = PersonImportForm
    columns = PERSON_IMPORT_COLUMNS
    export_only_columns = [
        column for column in PERSON_COLUMNS if column not in PERSON_IMPORT_COLUMNS
    ]
    help_text = gettext_lazy(
        "A row with an id updates that person; without one, the person with the same email "
        "address; otherwise it creates one. A row may also give one affiliation: organisation "
        "(the organisation's id), position, is_focal_point, is_signatory, since, until; a person "
        "with several affiliations takes several rows. A column left out of the file keeps its "
        "values."
    )
    row_class = PersonRow

    def find_without_id(self, cells):
        email = cells.get("email", "").strip()
        return self.find_one(Person.objects.filter(email__iexact=email)) if email else None

    def key(self, form, instance):
        if instance:
            return super().key(form, instance)
        email = form.cleaned_data["email"].lower()
        return ("new", email) if email else None

    def check_repeat(self, row, key):
        first = self.first_rows.setdefault(key, row) if key else row
        if first is row:
            return
        if self.described(row) != self.described(first):
            row.error(
                _("the same person as row %(first)s, described differently.")
                % {"first": first.number}
            )
        row.same_as, row.action, row.changes = first, "unchanged", []

    @staticmethod
    def described(row):
        data = row.form.cleaned_data
        return {**data, "email": data["email"].lower()}

    def plan_row(self, number, cells):
        row = super().plan_row(number, cells)
        if row.form is not None and cells.get("organisation", "").strip():
            self.plan_affiliation(row, cells)
        return row

    def plan_affiliation(self, row, cells):
        person = row.person_row.form.instance
        organisation = cells["organisation"].strip()
        position = cells.get("position", "").strip()
        existing = None
        if person.pk and decimal_id(organisation) is not None:
            existing = Affiliation.objects.filter(
                # The file's positions are French (modeltranslation would read `position` in
                # the admin's language).
                person=person,
                organisation_id=int(organisation),
                position_fr=position,
            ).first()
        form = self.bind(AffiliationImportForm, existing or Affiliation(), cells, row)
        if form is None:
            return
        key = ("affiliation", id(row.person_row), form.cleaned_data["organisation"].pk, position)
        first = self.first_rows.setdefault(key, row)
        if first is not row:
            row.error(_("the same as row %(first)s.") % {"first": first.number})
        row.affiliation_form, row.affiliation_is_new = form, existing is None
        if existing is None:
            row.touch([("organisation", "", str(form.cleaned_data["organisation"]))])
        else:
            row.touch(changes_of(form))

    def apply(self, plan):
        for row in plan.rows:
            if row.same_as is None and (row.action == "create" or row.form.changed_data):
                row.form.save()
            form = row.affiliation_form
            if form is not None and (row.affiliation_is_new or form.changed_data):
                form.instance.person = row.person_row.form.instance
                form.save()


IMPORTERS = {"organisation": OrganisationImporter, "person": PersonImporter}


def plan_import(kind, table):
    """What importing the table would do, row by row, changing nothing."""
    return IMPORTERS[kind](table).plan()


def run_import(kind, table):
    """Plans again and, when no row is invalid, applies the plan in one transaction.

    The objects are saved in the default language, whatever the user's: modeltranslation copies
    the active language's value into a translated field's original column (DESIGN.md §5).
    """
    with transaction.atomic():
        importer = IMPORTERS[kind](table)
        plan = importer.plan()
        if plan.is_valid:
            with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                importer.apply(plan)
            plan.applied = True
    return plan
