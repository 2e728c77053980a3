"""The partner space's forms, and the public directory's filters.

A focal point edits their organisation's contact data, its people's names, contact data and
consents, and the position and dates of their affiliations. Who is a focal point or a signatory
is designated by the project team in the admin, never here.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm, blank_choice
from home.vocabulary import Scope

from .models import Affiliation, Constituency, Organisation, Person

ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A name in Arabic script: Arabic letters, spaces, hyphens and apostrophes.
ARABIC_NAME = re.compile(rf"[{ARABIC_LETTERS}][{ARABIC_LETTERS}\s'’-]*")
HAS_ARABIC = re.compile(rf"[{ARABIC_LETTERS}]")
# A phone number as people write it: digits, spaces, + . - ( ); 6 to 15 digits (E.164's maximum).
PHONE = re.compile(r"\+?[\d\s().-]+")
PHONE_ERROR = _("Enter a phone number with 6 to 15 digits, for example +216 71 123 456.")


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE.fullmatch(value) or not 6 <= digits <= 15:
        raise ValidationError(PHONE_ERROR, code="invalid_phone")


def validate_latin_name(value):
    if HAS_ARABIC.search(value):
        raise ValidationError(
            _("Write this name in Latin script: the name in Arabic script has its own field."),
            code="arabic_in_latin_name",
        )


def validate_arabic_name(value):
    if value and not ARABIC_NAME.fullmatch(value):
        raise ValidationError(
            _("Write this name in Arabic script, or leave it empty."), code="not_arabic"
        )


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and shows ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PartnerForm(forms.ModelForm):
    """What the partner space's forms share: no colon after labels (French wants a space before
    it, Arabic none), phone numbers checked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].validators.append(validate_phone)
            self.fields["phone"].widget.input_type = "tel"
            self.fields["phone"].widget.attrs["autocomplete"] = "tel"


class OrganisationContactForm(PartnerForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a full web address, for example https://example.org.")},
    )

    class Meta:
        model = Organisation
        fields = ["email", "phone", "address", "website"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "email": _(
                "Shown in the public partners directory: use the organisation's general address, "
                "not a person's."
            ),
            "phone": _("Shown in the public partners directory."),
        }


class PersonForm(PartnerForm):
    """A person's names, gender, contact data and consents (the model dates a consent given).

    In the partner space, only for a person the focal point may change (access.may_edit_person):
    one their organisation alone lists, with no one else's account."""

    class Meta:
        model = Person
        fields = Person.EDITABLE_FIELDS
        help_texts = {
            "consents_to_contact": _(
                "The person agreed that the project team writes to them about its activities."
            ),
            "consents_to_listing": _(
                "The person agreed that their name and position appear in the public partners "
                "directory. Their email address and phone number never do."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].validators.append(validate_latin_name)
        for name in ("first_name_ar", "last_name_ar"):
            self.fields[name].validators.append(validate_arabic_name)
            self.fields[name].widget.attrs.update(dir="rtl", lang="ar")
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def consent_dates(self):
        """{"consents_to_listing": "3 May 2025", ...} for the consents already given."""
        dates = {}
        for name in ("consents_to_contact", "consents_to_listing"):
            given_at = getattr(self.instance, f"{name}_at")
            if given_at:
                dates[name] = date_format(timezone.localtime(given_at), "DATE_FORMAT")
        return dates


class AffiliationForm(PartnerForm):
    """A person's position in the organisation and since when they hold it."""

    class Meta:
        model = Affiliation
        fields = ["position", "since"]
        labels = {"since": _("First day")}
        widgets = {"since": DateInput()}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["position"].required = True

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), self.instance.until
        if since and until and since > until:
            self.add_error(
                "since",
                ValidationError(
                    _("The first day cannot be after the last day (%(until)s)."),
                    code="after_until",
                    params={"until": date_format(until, "DATE_FORMAT")},
                ),
            )
        position = cleaned.get("position")
        person_id = self.instance.person_id
        if position and person_id:
            holds_it = (
                Affiliation.objects.filter(
                    person_id=person_id, organisation=self.organisation, position=position
                )
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if holds_it:
                self.add_error(
                    "position", _("This person already holds this position in the organisation.")
                )
        return cleaned


class EndAffiliationForm(forms.Form):
    """The last day of an affiliation: from the next day on, it is no longer current.

    Not for a focal point's or a signatory's: the project team designates them, and ends their
    designation (a focal point would otherwise end their own access, or a colleague's).
    """

    until = forms.DateField(label=_("Last day"), widget=DateInput())

    def __init__(self, *args, affiliation, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("initial", {"until": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.affiliation = affiliation

    def refusal(self):
        """Why this affiliation cannot be ended here, or ""."""
        affiliation = self.affiliation
        if not (affiliation.is_focal_point or affiliation.is_signatory):
            return ""
        return _(
            "%(name)s is a focal point or a signatory of the organisation: only the project "
            "team can end this affiliation."
        ) % {"name": affiliation.person}

    def clean_until(self):
        until = self.cleaned_data["until"]
        since = self.affiliation.since
        if since and until < since:
            raise ValidationError(
                _("The last day cannot be before the first day (%(since)s)."),
                code="before_since",
                params={"since": date_format(since, "DATE_FORMAT")},
            )
        return until

    def clean(self):
        cleaned = super().clean()
        refusal = self.refusal()
        if refusal:
            raise ValidationError(refusal, code="designated")
        return cleaned

    def save(self):
        self.affiliation.until = self.cleaned_data["until"]
        self.affiliation.save(update_fields=["until"])
        return self.affiliation


class DirectoryFilterForm(ListingFilterForm):
    """The partners directory's filters: a country, a constituency."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    constituency = forms.ChoiceField(label=_("Constituency"), required=False)

    lookups = {"country": "country", "constituency": "constituency_code"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = blank_choice(_("All countries")) + list(Scope.choices)
        self.fields["constituency"].choices = blank_choice(_("All constituencies")) + list(
            Constituency.choices
        )
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"directory-filter-{name}"
