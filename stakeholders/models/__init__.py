"""The registry, accounts and protocols. Import models from here."""

from .accounts import User, UserManager
from .imports import ImportPreview
from .pages import PartnersDirectoryPage, ProtocolIndexPage, RecommendationTrackerPage
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
from .recommendations import (
    ProgressEvidence,
    ProgressReview,
    ProgressUpdate,
    Recommendation,
    RecommendationReminder,
    RecommendationStatus,
)
from .registry import Affiliation, Constituency, Organisation, Person

__all__ = [
    "Affiliation",
    "Constituency",
    "ImportPreview",
    "Organisation",
    "PartnersDirectoryPage",
    "Party",
    "Person",
    "ProgressEvidence",
    "ProgressReview",
    "ProgressUpdate",
    "Protocol",
    "ProtocolEvent",
    "ProtocolIndexPage",
    "ProtocolText",
    "Recommendation",
    "RecommendationTrackerPage",
    "RecommendationReminder",
    "RecommendationStatus",
    "Signatory",
    "Signature",
    "User",
    "UserManager",
    "WorkingGroup",
    "WorkingGroupMember",
]
