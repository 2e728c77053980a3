"""Registering someone on their behalf; an account is created if their email has none."""

from allauth.account.models import EmailAddress
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from home.parsing import decimal_id
from home.vocabulary import country_choices
from stakeholders.models import Affiliation, Person

from ... import registration as seats
from ...access import events_run_by
from ...models import Registration
from .listing import label
from .permissions import ParticipantsPageMixin


class OnBehalfForm(forms.ModelForm):
    event = forms.ModelChoiceField(label=label(Registration, "event"), queryset=None)
    person = forms.ModelChoiceField(
        label=label(Registration, "person"),
        queryset=Person.objects.exclude(email=""),
        required=False,
        help_text=gettext_lazy("Optional: links the registration to the registry."),
    )
    country = forms.ChoiceField(label=label(Registration, "country"), choices=country_choices)
    nationality = forms.ChoiceField(
        label=label(Registration, "nationality"), choices=country_choices
    )

    class Meta:
        model = Registration
        fields = ["email", *Registration.DECLARED_FIELDS]
        widgets = {
            "first_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "last_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }

    field_order = ["event", "person"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events_run_by(user).order_by("-start_date", "pk")
        # An organisation of the registry gives its own (events.registration.register).
        self.fields["constituency"].required = False
        self.fields["constituency"].help_text = gettext_lazy(
            "For an organisation not in the registry only: one of the registry gives its own."
        )

    def clean(self):
        data = super().clean()
        if data.get("organisation"):
            data["constituency"] = data["organisation"].constituency
        elif not data.get("proposed_organisation"):
            self.add_error(
                "proposed_organisation",
                _("Choose an organisation of the registry or type its name."),
            )
        elif not data.get("constituency"):
            self.add_error(
                "constituency",
                _("Choose the constituency of an organisation that is not in the registry."),
            )
        return data


def initial_from_person(person):
    """What the registry knows of a person, as the on-behalf form's initial values."""
    initial = {
        "person": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "first_name_ar": person.first_name_ar,
        "last_name_ar": person.last_name_ar,
        "email": person.email,
        "phone": person.phone,
        "gender": person.gender,
    }
    affiliation = (
        Affiliation.objects.current()
        .filter(person=person)
        .select_related("organisation")
        .order_by("-is_focal_point", "-since", "pk")
        .first()
    )
    if affiliation is not None:
        organisation = affiliation.organisation
        initial.update(
            organisation=organisation.pk,
            position=affiliation.position,
            constituency=organisation.constituency,
            country=organisation.country,
        )
    if person.user_id:
        initial["preferred_language"] = person.user.preferred_language
    return initial


def account_for(email, person, language):
    """The account that registers: the person's, the email's, or a new one without password
    (the participant sets one through "forgot password")."""
    user = person.user if person is not None and person.user_id else None
    User = get_user_model()
    user = user or User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, preferred_language=language)
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    if person is not None and person.user_id is None and not hasattr(user, "person"):
        person.user = user
        person.save(update_fields=["user"])
    return user


class OnBehalfView(ParticipantsPageMixin, TemplateView):
    template_name = "events/staff/participants/register.html"
    page_title = gettext_lazy("Register someone")
    header_icon = "plus"

    def get_initial(self):
        initial = {"event": self.request.GET.get("event")}
        person = decimal_id(self.request.GET.get("person", ""))
        if person is not None:
            person = Person.objects.select_related("user").filter(pk=person).first()
            if person is not None:
                initial.update(initial_from_person(person))
        return initial

    def get(self, request, *args, **kwargs):
        form = OnBehalfForm(user=request.user, initial=self.get_initial())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = OnBehalfForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        event, person = data.pop("event"), data.pop("person")
        try:
            with transaction.atomic():
                user = account_for(data["email"], person, data["preferred_language"])
                registration = seats.register(
                    event, user, registered_by=request.user, person=person, **data
                )
        except seats.RegistrationRefused as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("%(name)s is registered: %(status)s.")
            % {"name": registration.full_name, "status": registration.get_status_display()},
        )
        return redirect("participants:inspect", quote(registration.pk))
