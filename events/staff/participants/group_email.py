"""Emailing the participants the listing's filters select, one email each, by the task worker."""

from functools import partial

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages

from .. import tasks
from .listing import filtered_participants, listing_query
from .permissions import ParticipantsPageMixin


class GroupEmailForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    message = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if any(character in subject for character in "\r\n"):
            raise forms.ValidationError(_("The subject must fit on one line."))
        return subject


class GroupEmailView(ParticipantsPageMixin, TemplateView):
    """One email to each participant the listing's filters select (kept in the query string)."""

    template_name = "events/staff/participants/email.html"
    page_title = gettext_lazy("Email participants")
    header_icon = "mail"

    def get_index_url(self):
        return self.listing_url

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
