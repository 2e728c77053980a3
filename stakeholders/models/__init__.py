"""The registry, accounts and protocols. Import models from here."""

from .accounts import User, UserManager
from .pages import PartnersDirectoryPage, ProtocolIndexPage
from .protocols import (
    Party,
    Protocol,
    ProtocolEvent,
    ProtocolText,
    Signatory,
    Signature,
    WorkingGroup,
    WorkingGroupMember,
)
from .registry import Affiliation, Constituency, Organisation, Person

__all__ = [
    "Affiliation",
    "Constituency",
    "Organisation",
    "PartnersDirectoryPage",
    "Party",
    "Person",
    "Protocol",
    "ProtocolEvent",
    "ProtocolIndexPage",
    "ProtocolText",
    "Signatory",
    "Signature",
    "User",
    "UserManager",
    "WorkingGroup",
    "WorkingGroupMember",
]
