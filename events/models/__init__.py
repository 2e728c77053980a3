"""Workshops and their registrations. Import models from here."""

from .jobs import DocumentJob
from .pages import EventIndexPage, EventPage, RegistrationQuestion, RegistrationQuota
from .registration import Attendance, Invitation, Registration

__all__ = [
    "Attendance",
    "DocumentJob",
    "EventIndexPage",
    "EventPage",
    "Invitation",
    "Registration",
    "RegistrationQuestion",
    "RegistrationQuota",
]
