"""The participants of the workshops, in the Wagtail admin, for the staff who run them.

Who runs a workshop is who may edit its page (events/access.py); so the registrations get a
permission policy of their own instead of Django's model permissions: the listing, exports and
every action show the registrations of the workshops the user runs, and any other registration is
a 404. Wagtail's ModelViewSet gives the listing (search, filters, ordering, pagination, CSV/XLSX
export, made formula-safe by stakeholders/exports.py) and the inspect view; this module adds:

- approve and decline, one registration at a time, through events/registration.py;
- registering someone on their behalf (an account is created if the email has none);
- inviting people of the registry in bulk, by organisation, country or constituency;
- emailing the participants the listing's filters select;
- the attendance page for people without a badge (events/staff/attendance.py);
- a "Participants" button on a workshop's page in the page explorer and editor.

(The waiting list moves up whenever a workshop is published: events/apps.py.)
"""

from functools import partial

from allauth.account.models import EmailAddress
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    ButtonsColumnMixin,
    Column,
    DateColumn,
    TitleColumn,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from home.vocabulary import country_choices, country_name
from stakeholders.admin_views.registry import PersonFilterSet, checkboxes
from stakeholders.exports import FormulaSafeExportMixin
from stakeholders.models import Affiliation, Constituency, Person

from .. import registration as seats
from ..access import can_run, events_run_by, registrations_run_by
from ..models import Attendance, EventPage, Invitation, Registration
from . import tasks
from .attendance import NAME_AND_ORGANISATION, AttendanceView, matching

Status = Registration.Status
SEARCH_FIELDS = [*NAME_AND_ORGANISATION, "email"]
RUN = {"view", "change"}  # what running a workshop allows on its registrations
TEMPLATES = "events/staff/participants/"
INVITATION_PREVIEW = 20
EXPORT_COLUMNS = [
    "id",
    "workshop",
    "status",
    "first_name",
    "last_name",
    "first_name_ar",
    "last_name_ar",
    "email",
    "phone",
    "organisation",
    "constituency",
    "position",
    "gender",
    "country",
    "nationality",
    "preferred_language",
    "interpretation",
    "accessibility_needs",
    "dietary_needs",
    "wants_invitation_letter",
    "registered_at",
    "days_attended",
]


def label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


# Who may see which registration -------------------------------------------------------------


class ParticipantPermissionPolicy(BasePermissionPolicy):
    """Viewing and managing a registration is running its workshop; nobody adds or deletes
    registrations through generic forms (the seat rules do)."""

    permission_cache_name = "_amem_participant_permissions"

    def get_all_permissions_for_user(self, user):
        return set(RUN) if events_run_by(user).exists() else set()

    def user_has_permission(self, user, action):
        return action in self.get_cached_permissions_for_user(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in RUN and can_run(user, instance.event)

    def instances_user_has_any_permission_for(self, user, actions):
        if not RUN & set(actions):
            return Registration.objects.none()
        return registrations_run_by(user)


register_permission_policy(Registration, ParticipantPermissionPolicy(Registration))


def visible_registration(request, pk):
    """The registration if the user runs its workshop; a 404 otherwise."""
    return get_object_or_404(
        registrations_run_by(request.user).select_related("event", "organisation"), pk=pk
    )


# The listing --------------------------------------------------------------------------------


def workshops_of(request):
    return events_run_by(request.user).order_by("-start_date", "pk")


class ParticipantFilterSet(WagtailFilterSet):
    event = ModelChoiceFilter(label=label(Registration, "event"), queryset=workshops_of)
    status = checkboxes("status", Status.choices, label(Registration, "status"), None)
    constituency = checkboxes(
        "constituency", Constituency.choices, label(Registration, "constituency"), None
    )
    gender = checkboxes("gender", Registration.Gender.choices, label(Registration, "gender"), None)
    country = ChoiceFilter(label=label(Registration, "country"), choices=country_choices)
    attended = BooleanFilter(
        label=gettext_lazy("Attended"), method="filter_attended", widget=BooleanRadioSelect
    )
    # Organisations typed in by participants, for staff to add to the registry.
    proposed = BooleanFilter(
        label=gettext_lazy("Organisation not in the registry"),
        method="filter_proposed",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Registration
        fields = []

    def filter_attended(self, queryset, name, value):
        present = Attendance.objects.values("registration")
        return queryset.filter(pk__in=present) if value else queryset.exclude(pk__in=present)

    def filter_proposed(self, queryset, name, value):
        proposed = Q(organisation__isnull=True) & ~Q(proposed_organisation="")
        return queryset.filter(proposed) if value else queryset.exclude(proposed)


def filtered_participants(request):
    """The registrations the listing shows for this query string, unordered and unpaginated."""
    queryset = registrations_run_by(request.user)
    filters = ParticipantFilterSet(data=request.GET, queryset=queryset, request=request)
    if filters.is_valid():
        queryset = filters.qs
    return matching(queryset, request.GET.get("q", "").strip()[:255], SEARCH_FIELDS)


def listing_query(request):
    """The listing's filters and search, without its page, ordering or export."""
    params = request.GET.copy()
    for name in ("p", "export", "ordering", "_w_filter_fragment"):
        params.pop(name, None)
    return params.urlencode()


class ParticipantTitleColumn(ButtonsColumnMixin, TitleColumn):
    def __init__(self, name, view, **kwargs):
        super().__init__(name, get_url=view.get_inspect_url, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


def action_items(registration, request):
    """Approve and decline, for a registration waiting for that decision."""
    query = "?" + urlencode({"next": request.get_full_path()})
    items = []
    if registration.status == Status.PENDING:
        url = reverse("participants:approve", args=[quote(registration.pk)]) + query
        items.append(MenuItem(_("Approve"), url=url, icon_name="check", priority=10))
    if registration.status in (Status.PENDING, Status.WAITLISTED):
        url = reverse("participants:reject", args=[quote(registration.pk)]) + query
        items.append(MenuItem(_("Decline"), url=url, icon_name="cross", priority=20))
    return items


class ParticipantIndexView(FormulaSafeExportMixin, generic.IndexView):
    export_accessors = {
        "workshop": lambda registration: registration.event.title,
        "organisation": lambda registration: registration.organisation_name,
        "registered_at": lambda registration: registration.created_at,
        "days_attended": lambda registration: registration.days_attended,
    }

    def get_base_queryset(self):
        return (
            registrations_run_by(self.request.user)
            .select_related("event", "organisation")
            .annotate(days_attended=Count("attendances"))
        )

    def search_queryset(self, queryset):
        return matching(queryset, self.search_query, SEARCH_FIELDS)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"),
            ParticipantTitleColumn(
                "full_name",
                self,
                label=_("Name"),
                sort_key="last_name",
                accessor="full_name",
                get_title_id=lambda registration: f"registration_{registration.pk}_title",
            ),
            Column("full_name_ar", label=_("Name in Arabic script")),
            Column("organisation_name", label=label(Registration, "organisation")),
            Column(
                "constituency",
                label=label(Registration, "constituency"),
                accessor="get_constituency_display",
                sort_key="constituency",
            ),
            Column(
                "country",
                label=label(Registration, "country"),
                accessor=lambda registration: (
                    country_name(registration.country) or registration.country
                ),
                sort_key="country",
            ),
            Column(
                "status",
                label=label(Registration, "status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column("event", label=label(Registration, "event"), accessor="event.title"),
            DateColumn(
                "created_at", label=label(Registration, "created_at"), sort_key="created_at"
            ),
            Column("days_attended", label=_("Days attended"), sort_key="days_attended"),
        ]

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *action_items(instance, self.request)]

    @cached_property
    def header_more_buttons(self):
        query = listing_query(self.request)
        buttons = list(super().header_more_buttons)
        buttons += [
            Button(
                _("Email these participants"),
                url=reverse("participants:email") + (f"?{query}" if query else ""),
                icon_name="mail",
                priority=10,
            ),
            Button(
                _("Register someone"),
                url=reverse("participants:register") + self.workshop_query,
                icon_name="plus",
                priority=20,
            ),
            Button(
                _("Attendance"),
                url=reverse("participants:attendance") + self.workshop_query,
                icon_name="tick",
                priority=40,
            ),
        ]
        if self.request.user.has_perm("stakeholders.view_person"):
            buttons.append(
                Button(
                    _("Invite people from the registry"),
                    url=reverse("participants:invite") + self.workshop_query,
                    icon_name="group",
                    priority=30,
                )
            )
        if self.workshop is not None:
            buttons += workshop_document_buttons(self.workshop)
        return buttons

    @cached_property
    def workshop(self):
        """The workshop the listing is filtered to, if it is one."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    @cached_property
    def workshop_query(self):
        return f"?{urlencode({'event': self.workshop.pk})}" if self.workshop else ""


def workshop_document_buttons(event):
    """The workshop's badges, sign-in sheets (events/staff/documents.py) and balance
    (events/staff/reports.py)."""
    buttons = [
        Button(
            _("Badges"),
            url=reverse("events_badges", args=[event.pk]),
            icon_name="doc-full",
            priority=50,
        ),
        Button(
            _("Workshop balance"),
            url=reverse("events_balance_workshop", args=[event.pk]),
            icon_name="table",
            priority=70,
        ),
    ]
    for day in event.days:
        label = _("Sign-in sheet, %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")}
        url = reverse("events_sign_in_sheet", args=[event.pk, day.isoformat()])
        buttons.append(Button(label, url=url, icon_name="doc-full", priority=60))
    return buttons


class ParticipantInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return visible_registration(self.request, self.pk)

    def get_page_subtitle(self):
        return f"{self.object.full_name} — {self.object.event.title}"

    @cached_property
    def header_more_buttons(self):
        buttons = [Button.from_menu_item(item) for item in action_items(self.object, self.request)]
        if self.object.status == Status.CONFIRMED:
            url = reverse("events_badges", args=[self.object.event_id])
            url += "?" + urlencode({"ids": self.object.pk})
            buttons.append(Button(_("Badge"), url=url, icon_name="doc-full", priority=30))
        return buttons

    def get_country_display_value(self):
        return country_name(self.object.country) or self.object.country

    def get_nationality_display_value(self):
        return country_name(self.object.nationality) or self.object.nationality

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "—" if value is None or value == "" else value


class ParticipantURLFinder(ModelAdminURLFinder):
    edit_url_name = "participants:inspect"


# Approve and decline -------------------------------------------------------------------------


class DecisionView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm; POST decides, through the seat rules, and goes back."""

    template_name = TEMPLATES + "confirm.html"
    header_icon = "group"
    decide = None  # events.registration.approve or reject
    question = ""
    done = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = visible_registration(request, kwargs["pk"])

    def get_page_subtitle(self):
        return self.registration.full_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("participants:index"), "label": _("Participants")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            registration=self.registration,
            question=self.question % {"name": self.registration.full_name},
            next=get_valid_next_url_from_request(self.request),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            registration = self.decide(self.registration)
        except seats.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        else:
            messages.success(
                request,
                self.done
                % {"name": registration.full_name, "status": registration.get_status_display()},
            )
        return redirect(
            get_valid_next_url_from_request(request)
            or reverse("participants:inspect", args=[quote(self.registration.pk)])
        )


class ApproveView(DecisionView):
    decide = staticmethod(seats.approve)
    page_title = gettext_lazy("Approve")
    question = gettext_lazy(
        "Approve the registration of %(name)s? They are confirmed if a seat is left, "
        "or put on the waiting list."
    )
    done = gettext_lazy("The registration of %(name)s is approved: %(status)s.")


class RejectView(DecisionView):
    decide = staticmethod(seats.reject)
    page_title = gettext_lazy("Decline")
    question = gettext_lazy("Decline the registration of %(name)s? They are told by email.")
    done = gettext_lazy("The registration of %(name)s is declined.")


class DecisionBulkAction(BulkAction):
    """Approve or decline the registrations ticked in the listing, each through the seat rules.

    Only registrations of the workshops the user runs, in a status the decision applies to, are
    taken; the others are left out, unnamed.
    """

    models = [Registration]
    template_name = TEMPLATES + "bulk_decision.html"
    decide = None
    statuses = ()
    question = ""

    def get_actionable_objects(self):
        ids = [pk for pk in self.request.GET.getlist("id") if pk.isdigit()]
        registrations = list(
            registrations_run_by(self.request.user)
            .filter(pk__in=ids, status__in=self.statuses)
            .select_related("event")
            .order_by("last_name", "first_name", "pk")
        )
        if not registrations:
            raise Http404
        return registrations, {"items_with_no_access": []}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "header_icon": "group",
            "title": self.display_name,
            "question": self.question,
        }

    @classmethod
    def execute_action(cls, objects, **kwargs):
        decided = 0
        for registration in objects:
            try:
                cls.decide(registration)
            except seats.RegistrationRefused:
                continue  # decided meanwhile by someone else
            decided += 1
        return decided, 0


class ApproveBulkAction(DecisionBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected registrations")
    action_priority = 10
    decide = staticmethod(seats.approve)
    statuses = (Status.PENDING,)
    question = gettext_lazy(
        "Approve these pending registrations? Each is confirmed if a seat is left, in this "
        "order, or put on the waiting list."
    )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)s registration approved.",
            "%(count)s registrations approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class RejectBulkAction(DecisionBulkAction):
    display_name = gettext_lazy("Decline")
    action_type = "reject"
    aria_label = gettext_lazy("Decline the selected registrations")
    action_priority = 20
    decide = staticmethod(seats.reject)
    statuses = (Status.PENDING, Status.WAITLISTED)
    question = gettext_lazy(
        "Decline these pending or waiting registrations? Each participant is told by email."
    )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)s registration declined.",
            "%(count)s registrations declined.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


# Registering someone on their behalf ---------------------------------------------------------


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

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("proposed_organisation"):
            self.add_error(
                "proposed_organisation",
                _("Choose an organisation of the registry or type its name."),
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


class OnBehalfView(WagtailAdminTemplateMixin, TemplateView):
    template_name = TEMPLATES + "register.html"
    page_title = gettext_lazy("Register someone")
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        if not events_run_by(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("participants:index"), "label": _("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        initial = {"event": self.request.GET.get("event")}
        person = self.request.GET.get("person", "")
        if person.isdigit():
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


# Inviting people of the registry -------------------------------------------------------------


class InvitationForm(forms.Form):
    event = forms.ModelChoiceField(label=label(Registration, "event"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events_run_by(user).order_by("-start_date", "pk")


def people_to_invite(event, people):
    """The people who agreed to be contacted, with an email address not yet invited to the
    workshop, one per address."""
    invited = {
        email.casefold()
        for email in Invitation.objects.filter(event=event).values_list("email", flat=True)
    }
    chosen = {}
    people = people.filter(consents_to_contact=True).exclude(email="")
    for person in people.order_by("last_name", "first_name", "pk"):
        key = person.email.casefold()
        if key not in invited and key not in chosen:
            chosen[key] = person
    return list(chosen.values())


class InviteView(WagtailAdminTemplateMixin, TemplateView):
    """Choose people with the registry's filters, see who they are, invite them all."""

    template_name = TEMPLATES + "invite.html"
    page_title = gettext_lazy("Invite people from the registry")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        # The registry's people are shown here: its own permission is needed too.
        if not (
            events_run_by(request.user).exists()
            and request.user.has_perm("stakeholders.view_person")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("participants:index"), "label": _("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]

    def chosen(self, params):
        form = InvitationForm(params if "event" in params else None, user=self.request.user)
        people = PersonFilterSet(data=params, queryset=Person.objects.all(), request=self.request)
        if not (form.is_valid() and people.is_valid()):
            return form, people, None
        return form, people, people_to_invite(form.cleaned_data["event"], people.qs)

    def get(self, request, *args, **kwargs):
        form, people, invitees = self.chosen(request.GET)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                people_filters=people.form,
                invitees=invitees[:INVITATION_PREVIEW] if invitees else invitees,
                invitee_count=len(invitees or ()),
                query=request.GET.urlencode(),
            )
        )

    def post(self, request, *args, **kwargs):
        # The filters travel in the query string, so that what is invited is what was previewed.
        form, _people, invitees = self.chosen(request.GET)
        if not invitees:
            messages.error(request, _("Nobody to invite: change the filters."))
            return redirect(f"{request.path}?{request.GET.urlencode()}")
        event = form.cleaned_data["event"]
        with transaction.atomic():
            invitations = Invitation.objects.bulk_create(
                [
                    Invitation(
                        event=event, email=person.email, person=person, invited_by=request.user
                    )
                    for person in invitees
                ]
            )
            for invitation in invitations:
                transaction.on_commit(partial(tasks.send_invitation.enqueue, invitation.pk))
        count = len(invitations)
        messages.success(
            request,
            ngettext(
                "%(count)s invitation is on its way.",
                "%(count)s invitations are on their way.",
                count,
            )
            % {"count": count},
        )
        return redirect(reverse("participants:index") + "?" + urlencode({"event": event.pk}))


# Emailing a group of participants ------------------------------------------------------------


class GroupEmailForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    message = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if any(character in subject for character in "\r\n"):
            raise forms.ValidationError(_("The subject must fit on one line."))
        return subject


class GroupEmailView(WagtailAdminTemplateMixin, TemplateView):
    """One email to each participant the listing's filters select (kept in the query string)."""

    template_name = TEMPLATES + "email.html"
    page_title = gettext_lazy("Email participants")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not events_run_by(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.listing_url, "label": _("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def listing_url(self):
        query = listing_query(self.request)
        return reverse("participants:index") + (f"?{query}" if query else "")

    @cached_property
    def recipients(self):
        # An anonymised registration has no address left to write to.
        return (
            filtered_participants(self.request).filter(anonymised_at__isnull=True).exclude(email="")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipient_count=self.recipients.count(),
            listing_url=self.listing_url,
            query=listing_query(self.request),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=GroupEmailForm()))

    def post(self, request, *args, **kwargs):
        form = GroupEmailForm(request.POST)
        recipients = list(self.recipients.order_by("pk").values_list("pk", flat=True))
        if form.is_valid() and not recipients:
            form.add_error(None, _("No participant matches these filters."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        subject, message = form.cleaned_data["subject"], form.cleaned_data["message"]
        for pk in recipients:
            transaction.on_commit(
                partial(tasks.send_participant_message.enqueue, pk, subject, message)
            )
        messages.success(
            request,
            ngettext(
                "Your message is on its way to %(count)s participant.",
                "Your message is on its way to %(count)s participants.",
                len(recipients),
            )
            % {"count": len(recipients)},
        )
        return redirect(self.listing_url)


# The viewset ---------------------------------------------------------------------------------


class ParticipantViewSet(ModelViewSet):
    model = Registration
    name = "participants"
    url_prefix = "participants"
    icon = "group"
    menu_label = gettext_lazy("Participants")
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = ParticipantIndexView
    index_template_name = TEMPLATES + "index.html"
    inspect_view_enabled = True
    inspect_view_class = ParticipantInspectView
    url_finder_class = ParticipantURLFinder
    # Not in the reference index: an organisation's or a person's "usage" would list the
    # registrations to registry staff who do not run those workshops, and every save would pay.
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = ParticipantFilterSet
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_export = EXPORT_COLUMNS
    export_filename = "participants"
    inspect_view_fields = [
        "event",
        "status",
        "email",
        *Registration.DECLARED_FIELDS,
        "wants_invitation_letter",
        "consents_to_listing",
        "consents_to_photos",
        "registered_by",
        "created_at",
        "status_changed_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Registrations are made and changed by the seat rules only: no generic form.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_permissions_to_register(self):
        # Page permissions decide; the model's own would mean nothing in the groups' form.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("approve/<int:pk>/", ApproveView.as_view(), name="approve"),
            path("decline/<int:pk>/", RejectView.as_view(), name="reject"),
            path("register/", OnBehalfView.as_view(), name="register"),
            path("invite/", InviteView.as_view(), name="invite"),
            path("email/", GroupEmailView.as_view(), name="email"),
            path(
                "attendance/",
                AttendanceView.as_view(index_url_name="participants:index"),
                name="attendance",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_participants():
    return ParticipantViewSet()


# From a workshop's page ----------------------------------------------------------------------


def participants_button(page, user):
    if page.specific_class is not EventPage or not can_run(user, page):
        return None
    url = reverse("participants:index") + "?" + urlencode({"event": page.pk})
    return Button(_("Participants"), url=url, icon_name="group", priority=45)


@hooks.register("register_page_header_buttons")
def page_header_participants(page, user, view_name, next_url=None):
    button = participants_button(page, user)
    return [button] if button else []


@hooks.register("register_page_listing_more_buttons")
def page_listing_participants(page, user, next_url=None):
    button = participants_button(page, user)
    return [button] if button else []
