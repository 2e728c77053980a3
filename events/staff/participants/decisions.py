"""Approve and decline: one registration from its page or row, or those ticked in the listing.

Every decision goes through the seat rules (events/registration.py).
"""

from functools import partial

from django import forms
from django.contrib.admin.utils import quote
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action import BulkAction

from home.parsing import decimal_id
from stakeholders.models import Constituency

from ... import registration as seats
from ...access import registrations_run_by
from ...models import Registration
from .listing import Status
from .permissions import ParticipantsPageMixin, visible_registration


class DecisionView(ParticipantsPageMixin, TemplateView):
    """GET asks to confirm; POST decides, through the seat rules, and goes back."""

    template_name = "events/staff/participants/confirm.html"
    header_icon = "group"
    decide = None  # events.registration.approve or reject
    question = ""
    done = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = visible_registration(request, kwargs["pk"])

    def get_page_subtitle(self):
        return self.registration.full_name

    def get_current_breadcrumb(self):
        return {**super().get_current_breadcrumb(), "sublabel": self.get_page_subtitle()}

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


class ConstituencyForm(forms.Form):
    constituency = forms.ChoiceField(
        label=capfirst(Registration._meta.get_field("constituency").verbose_name),
        choices=Constituency.choices,
    )


class ConfirmConstituencyView(DecisionView):
    """Staff confirm, or correct, the constituency declared for an organisation typed in: from
    then on the registration counts against that constituency's quota."""

    template_name = "events/staff/participants/confirm_constituency.html"
    page_title = gettext_lazy("Confirm the constituency")
    question = gettext_lazy(
        "%(name)s registered for an organisation that is not in the registry. Until you confirm "
        "the constituency they declared, the registration does not count against its quota. "
        "Correct it if needed: a confirmed participant whose quota is full goes to the waiting "
        "list."
    )
    done = gettext_lazy("The constituency of %(name)s is confirmed: %(status)s.")

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "form", ConstituencyForm(initial={"constituency": self.registration.constituency})
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ConstituencyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        constituency = form.cleaned_data["constituency"]
        self.decide = partial(seats.confirm_constituency, constituency=constituency)
        return super().post(request, *args, **kwargs)


class DecisionBulkAction(BulkAction):
    """Approve or decline the registrations ticked in the listing, each through the seat rules.

    Only registrations of the workshops the user runs, in a status the decision applies to, are
    taken; the others are left out, unnamed.
    """

    models = [Registration]
    template_name = "events/staff/participants/bulk_decision.html"
    decide = None
    statuses = ()
    question = ""

    def get_actionable_objects(self):
        ids = [pk for pk in map(decimal_id, self.request.GET.getlist("id")) if pk is not None]
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
