"""A registration's page: what the participant declared, and the decisions it waits for."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.widgets.button import Button

from home.vocabulary import country_name
from stakeholders.admin_views.mixins import ReadableInspectView

from .listing import Status, action_items
from .permissions import visible_registration


class ParticipantInspectView(ReadableInspectView):
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


class ParticipantURLFinder(ModelAdminURLFinder):
    edit_url_name = "participants:inspect"
