"""The structured agenda: days, each with its sessions; a panel lists its panellists."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .dates import clock, local_iso


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    role = blocks.CharBlock(
        required=False, label=_("Role and organisation"), help_text=_("e.g. Director, ILO")
    )

    class Meta:
        icon = "user"
        label = _("Speaker")

    def clean(self, value):
        # An optional speaker (a session's moderator) left blank is no speaker, not a missing
        # name: without this, every session would need a moderator.
        optional = getattr(self.meta, "required", True) is False
        if optional and not any(value.get(name) for name in self.child_blocks):
            return value
        return super().clean(value)


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

    def get_context(self, value, parent_context=None):
        """Adds the session's times as <time datetime> values, on its day, in the venue's zone.

        The day's template passes `day`; the event page is `page` in the parent context.
        """
        context = super().get_context(value, parent_context)
        context.update(session_times(value, (parent_context or {}).get("day"), context))
        return context


class AgendaDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(required=False, label=_("Title"), help_text=_("e.g. Day 1"))
    sessions = blocks.ListBlock(SessionBlock(), label=_("Sessions"))

    class Meta:
        icon = "date"
        label = _("Day")
        template = "events/blocks/agenda_day_block.html"
        description = _("One day of the agenda with its sessions, in order.")


def session_times(session, day, context):
    """{"start": "09:00", "start_iso": "2025-03-12T09:00+01:00", "end": …} for one session."""
    page = context.get("page")
    tzid = getattr(page, "time_zone", None)
    times = {"kind_label": dict(SessionBlock.Kind.CHOICES).get(session["kind"], "")}
    for name in ("start", "end"):
        value = session.get(name)
        times[name] = clock(value) if value else ""
        if not value:
            times[f"{name}_iso"] = ""
        elif day and tzid:
            times[f"{name}_iso"] = local_iso(day, value, tzid)
        else:
            times[f"{name}_iso"] = clock(value)
    return times


class AgendaBlock(blocks.StreamBlock):
    day = AgendaDayBlock()
