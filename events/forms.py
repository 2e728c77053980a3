"""A participant's registration form, and what they may change once registered.

Every text that comes in is cleaned before validation: control characters (NUL included) and
the bidi overrides that would let a name reorder the text around it on a badge or a list are
removed, and every field has a maximum length, so that no input reaches the database that it
would refuse. The email address is the account's, never typed here.

A workshop's own questions are fields named `question_<pk>`; their answers are stored in
`Registration.answers` as {"<pk>": value}: the text typed, the position of the choice in the
list (the same in every language), or True/False for a yes-or-no question.
"""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from home.vocabulary import Scope, country_choices, strxfrm_key
from stakeholders.forms import validate_arabic_name, validate_latin_name, validate_phone
from stakeholders.models import Affiliation, Constituency, Organisation

from .models import Registration, RegistrationQuestion

NEEDS_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 1000
# C0 and C1 control characters (NUL included), and the bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, except the line breaks and tabs a multi-line text may hold.
UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
YES, NO = "yes", "no"


def clean_text(value, multiline=False):
    """The text without control characters or bidi overrides; line breaks kept if multiline."""
    if multiline:
        return UNSAFE_IN_TEXT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return UNSAFE.sub("", value)


def question_field_name(question):
    return f"question_{question.pk}"


def question_field(question):
    """The form field that asks the question, in the active language."""
    common = {"label": question.label, "required": question.required}
    if question.kind == RegistrationQuestion.Kind.CHOICE:
        choices = [("", "—")] + [(str(n), text) for n, text in enumerate(question.choice_list)]
        return forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None, **common)
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
        )
    return forms.CharField(
        max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}), **common
    )


def answer_value(question, value):
    """What `answers` stores for a cleaned value; None when the question was left unanswered."""
    if value in ("", None):
        return None
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return value == YES
    return value


def answer_initial(question, stored):
    """The form's initial value for a stored answer."""
    if stored is None:
        return None
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return YES if stored else NO
    return str(stored)


def readable_answers(questions, answers):
    """[(question, answer as it reads in the active language)] for the answered questions."""
    readable = []
    for question in questions:
        stored = (answers or {}).get(str(question.pk))
        if stored is None:
            continue
        if question.kind == RegistrationQuestion.Kind.YES_NO:
            text = _("Yes") if stored else _("No")
        elif question.kind == RegistrationQuestion.Kind.CHOICE:
            choices = question.choice_list
            text = choices[stored] if isinstance(stored, int) and 0 <= stored < len(choices) else ""
        else:
            text = str(stored)
        readable.append((question, text))
    return readable


def organisation_choices(organisations):
    """The organisations grouped by country (the project's four first), sorted by name; each
    names the constituency it registers its participants in, in the active language."""
    groups = {code: [] for code, _label in Scope.choices}
    elsewhere = []
    for organisation in organisations:
        constituency = Constituency(organisation.constituency).label
        groups.get(organisation.country, elsewhere).append(
            (str(organisation.pk), f"{organisation} — {constituency}")
        )
    labelled = [(label, groups[code]) for code, label in Scope.choices]
    labelled.append((_("Other countries and international"), elsewhere))
    choices = [("", _("Choose your organisation"))]
    for label, items in labelled:
        if items:
            choices.append((label, sorted(items, key=lambda item: strxfrm_key(item[1]))))
    return choices


class ParticipantForm(forms.ModelForm):
    """What the registration and edit forms share: clean text, lengths, the letter, questions."""

    multiline_fields = ("accessibility_needs", "dietary_needs")

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.event = event
        if self.is_bound:
            self.data = self._cleaned_input(self.data)
        for name in self.multiline_fields:
            if name in self.fields:
                self.fields[name].max_length = NEEDS_MAX_LENGTH
                self.fields[name].widget.attrs.update(rows=3, maxlength=NEEDS_MAX_LENGTH)
                self.fields[name].validators.append(MaxLengthValidator(NEEDS_MAX_LENGTH))
        if "phone" in self.fields:
            self.fields["phone"].validators.append(validate_phone)
            self.fields["phone"].widget.input_type = "tel"
            self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self._set_letter_fields()
        self.questions = list(event.registration_questions.all())
        answers = self.instance.answers or {}
        for question in self.questions:
            name = question_field_name(question)
            self.fields[name] = question_field(question)
            stored = answer_initial(question, answers.get(str(question.pk)))
            if stored is not None:
                self.initial.setdefault(name, stored)

    def _cleaned_input(self, data):
        def clean(key, value):
            multiline = key in self.multiline_fields or key.startswith("question_")
            return clean_text(value, multiline) if isinstance(value, str) else value

        if not hasattr(data, "getlist"):
            return {key: clean(key, value) for key, value in data.items()}
        cleaned = data.copy()
        for key in cleaned:
            cleaned.setlist(key, [clean(key, value) for value in data.getlist(key)])
        return cleaned

    def _set_letter_fields(self):
        if not self.event.invitation_letters_enabled:
            self.fields.pop("wants_invitation_letter", None)
            self.fields.pop("passport_number", None)
            return
        self.fields["wants_invitation_letter"].label = _("I need an invitation letter for my visa")
        self.fields["passport_number"].help_text = _(
            "The letter names your passport: give its number if you ask for a letter."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_invitation_letter") and not cleaned.get("passport_number"):
            self.add_error(
                "passport_number",
                _("Give your passport number: the invitation letter must name it."),
            )
        return cleaned

    def answers(self):
        """The answers to store: {"<pk>": value} for the questions answered.

        The answers to questions since removed from the workshop stay as they were.
        """
        asked = {str(question.pk) for question in self.questions}
        answers = {
            pk: value for pk, value in (self.instance.answers or {}).items() if pk not in asked
        }
        for question in self.questions:
            value = answer_value(question, self.cleaned_data.get(question_field_name(question)))
            if value is not None:
                answers[str(question.pk)] = value
        return answers

    def question_fields(self):
        return [self[question_field_name(question)] for question in self.questions]


class RegistrationForm(ParticipantForm):
    """A participant's registration: who they are, whom they represent, what they need."""

    country = forms.ChoiceField(label=_("Country of residence"))
    nationality = forms.ChoiceField(label=_("Nationality"))
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    class Meta:
        model = Registration
        fields = [
            *Registration.DECLARED_FIELDS,
            "wants_invitation_letter",
            "passport_number",
            "accepts_privacy_notice",
            "consents_to_listing",
            "consents_to_photos",
        ]
        labels = {
            "proposed_organisation": _("Organisation, if it is not in the list"),
            "interpretation": _("Interpretation you need"),
            "accepts_privacy_notice": _("I have read and accept the privacy notice"),
            "consents_to_listing": _(
                "I agree that my name, position and organisation appear in the workshop's list "
                "of participants"
            ),
            "consents_to_photos": _("I agree to be photographed during the workshop"),
        }
        help_texts = {
            "proposed_organisation": _("The project team will add it to the registry."),
            "constituency": _(
                "Only for an organisation that is not in the list: one of the list comes with "
                "its group, shown next to its name."
            ),
            "accessibility_needs": _("Access, sign language, assistance… so that we can prepare."),
            "dietary_needs": _("Allergies, vegetarian…"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        countries = [("", _("Choose a country"))] + country_choices()
        self.fields["country"].choices = countries
        self.fields["nationality"].choices = countries
        self._organisations = {
            str(organisation.pk): organisation for organisation in self._organisation_queryset(user)
        }
        self.fields["organisation"].choices = organisation_choices(self._organisations.values())
        # Taken from the organisation when one of the registry is chosen (clean()).
        self.fields["constituency"].required = False
        self.fields["constituency"].label = _("Group your organisation belongs to")
        self.fields["accepts_privacy_notice"].required = True
        self.fields["accepts_privacy_notice"].error_messages["required"] = _(
            "Accept the privacy notice to register: we cannot organise your participation "
            "without your details."
        )
        for name in ("first_name", "last_name"):
            self.fields[name].validators.append(validate_latin_name)
        for name in ("first_name_ar", "last_name_ar"):
            self.fields[name].validators.append(validate_arabic_name)
            self.fields[name].widget.attrs.update(dir="rtl", lang="ar")

    @staticmethod
    def _organisation_queryset(user):
        """The public organisations of the registry, and the participant's own ones."""
        public = Organisation.objects.filter(is_public=True)
        if user is None or not user.is_authenticated:
            return public
        own = Organisation.objects.filter(affiliations__person__user=user)
        return (public | own).distinct()

    def clean_organisation(self):
        return self._organisations.get(self.cleaned_data["organisation"])

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation:
            cleaned["proposed_organisation"] = ""
            # The registry says which group an organisation belongs to, not the participant.
            cleaned["constituency"] = organisation.constituency
            self.errors.pop("constituency", None)
        elif cleaned.get("proposed_organisation") and not cleaned.get("constituency"):
            if "constituency" not in self.errors:
                self.add_error(
                    "constituency",
                    _(
                        "Choose the group your organisation belongs to: it is not in the "
                        "registry, so the project team will check it."
                    ),
                )
        elif (
            not cleaned.get("proposed_organisation") and "proposed_organisation" not in self.errors
        ):
            self.add_error(
                "organisation",
                _(
                    "Choose your organisation in the list, or write its name below if it is "
                    "not there."
                ),
            )
        return cleaned

    def registration_fields(self):
        """The declared fields, as events.registration.register() takes them."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        fields["answers"] = self.answers()
        return fields

    def draft(self):
        """The cleaned data as the session can keep it (JSON), to fill the form in again later."""
        draft = {}
        for name, value in self.cleaned_data.items():
            draft[name] = str(value.pk) if isinstance(value, Organisation) else value
        return draft


def person_initial(user):
    """The registration form's initial values from the user's person in the registry."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return {}
    initial = {
        name: getattr(person, name)
        for name in ("first_name", "last_name", "first_name_ar", "last_name_ar", "phone", "gender")
        if getattr(person, name)
    }
    affiliation = (
        Affiliation.objects.current()
        .filter(person=person)
        .select_related("organisation")
        .order_by("-is_focal_point", "since", "pk")
        .first()
    )
    if affiliation:
        organisation = affiliation.organisation
        initial["organisation"] = str(organisation.pk)
        initial["constituency"] = organisation.constituency
        if affiliation.position:
            initial["position"] = affiliation.position
        if organisation.country and organisation.country != Scope.REGIONAL:
            initial["country"] = organisation.country
    return initial


class RegistrationEditForm(ParticipantForm):
    """What a participant may change after registering. Not the constituency, country or gender:
    the quotas and the balance reports count them."""

    class Meta:
        model = Registration
        fields = [
            "position",
            "phone",
            "preferred_language",
            "interpretation",
            "accessibility_needs",
            "dietary_needs",
            "wants_invitation_letter",
            "passport_number",
            "consents_to_listing",
            "consents_to_photos",
        ]
        labels = RegistrationForm.Meta.labels
        help_texts = RegistrationForm.Meta.help_texts

    def save(self, commit=True):
        registration = super().save(commit=False)
        registration.answers = self.answers()
        if commit:
            registration.save(update_fields=[*self._meta.fields, "answers", "updated_at"])
        return registration
