"""Workshops and their registrations. Import models from here."""

from .pages import EventIndexPage, EventPage, RegistrationQuestion, RegistrationQuota
from .registration import Attendance, Invitation, Registration

__all__ = [
    "Attendance",
    "EventIndexPage",
    "EventPage",
    "Invitation",
    "Registration",
    "RegistrationQuestion",
    "RegistrationQuota",
]
