"""Inviting people of the registry in bulk, chosen by organisation, country or constituency."""

from functools import partial

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages

from stakeholders.admin_views.registry import PersonFilterSet
from stakeholders.models import Person

from ...access import events_run_by
from ...models import Invitation, Registration
from .. import tasks
from .listing import label
from .permissions import ParticipantsPageMixin

INVITATION_PREVIEW = 20


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


class InviteView(ParticipantsPageMixin, TemplateView):
    """Choose people with the registry's filters, see who they are, invite them all."""

    template_name = "events/staff/participants/invite.html"
    page_title = gettext_lazy("Invite people from the registry")
    header_icon = "group"

    def has_permission(self):
        # The registry's people are shown here: its own permission is needed too.
        return super().has_permission() and self.request.user.has_perm("stakeholders.view_person")

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
