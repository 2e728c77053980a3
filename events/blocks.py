"""The structured agenda: days, each with its sessions; a panel lists its panellists."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    role = blocks.CharBlock(
        required=False, label=_("Role and organisation"), help_text=_("e.g. Director, ILO")
    )

    class Meta:
        icon = "user"
        label = _("Speaker")


class SessionBlock(blocks.StructBlock):
    class Kind:
        CHOICES = [
            ("opening", _("Opening")),
            ("plenary", _("Plenary")),
            ("panel", _("Panel")),
            ("working_group", _("Working group")),
            ("break", _("Break")),
            ("closing", _("Closing")),
        ]

    start = blocks.TimeBlock(label=_("Start"))
    end = blocks.TimeBlock(required=False, label=_("End"))
    kind = blocks.ChoiceBlock(choices=Kind.CHOICES, default="plenary", label=_("Kind"))
    title = blocks.CharBlock(label=_("Title"))
    room = blocks.CharBlock(required=False, label=_("Room"))
    moderator = SpeakerBlock(required=False, label=_("Moderator"))
    speakers = blocks.ListBlock(
        SpeakerBlock(), default=[], label=_("Speakers or panellists"), collapsed=True
    )
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/session_block.html"


class AgendaDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(required=False, label=_("Title"), help_text=_("e.g. Day 1"))
    sessions = blocks.ListBlock(SessionBlock(), label=_("Sessions"))

    class Meta:
        icon = "date"
        label = _("Day")
        template = "events/blocks/agenda_day_block.html"
        description = _("One day of the agenda with its sessions, in order.")


class AgendaBlock(blocks.StreamBlock):
    day = AgendaDayBlock()
