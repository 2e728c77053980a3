"""The demo recommendations and the public tracker. Their words are in data/recommendations.json.

Eight recommendations of the seed's Tunisian review, "État des lieux du système d'information sur
les migrations internationales de main-d'œuvre depuis et vers la Tunisie" (a publication of
pages.py, their source page), on the project's three axes, and two for each other country, from the
seed's other studies (Morocco's have no source page: the seed names no Moroccan study). Each has
a lead organisation of the registry demo (registry.py), a target date, and a history:
validated updates, an update waiting for review, one returned. One
Tunisian recommendation is not public: the INS focal point sees it on the dashboard, the public
tracker does not show it. The narratives are the partners' own words, in one language, recorded
with them (French mostly, Arabic for Libya's), as a review's comment is.

Updates and reviews are append-only and stamp themselves with the current time; the demo's
history is dated in the past by running their creation at that past time (`_at`). Dates are
relative to the day the demo is loaded, so that some recommendation is always overdue.

A recommendation is found by its reference, the tracker page by its French slug: running `load()`
again creates nothing.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone, translation

from home.models import HomePage, PublicationPage
from stakeholders.models import (
    Organisation,
    ProgressEvidence,
    ProgressReview,
    ProgressUpdate,
    Recommendation,
    RecommendationTrackerPage,
    User,
)

from . import registry
from .common import DEMO_ADMIN, create_child, data, ensure_demo_admin, translated

Status = Recommendation.Status
Decision = ProgressReview.Decision

# An organisation is [French acronym, else French name, country]. An update is [days ago it was
# submitted, organisation, status, %, narrative, review], the review being [decision, days after
# submission, comment] or null while it waits. A narrative, and a comment unless empty, is
# {language: text}: written in that one language.
RECOMMENDATIONS = data("recommendations")


@transaction.atomic
def load():
    """Creates what is missing; returns how many recommendations and pages it created."""
    created = _tracker_created()
    missing = [
        spec
        for spec in RECOMMENDATIONS["recommendations"]
        if not Recommendation.objects.filter(reference=spec["reference"]).exists()
    ]
    if missing:
        ensure_demo_admin()
    for spec in missing:
        _create(spec)
    return created + len(missing)


def _tracker_created():
    home = HomePage.objects.first()
    if home is None:
        return 0
    with translation.override("fr"):
        _page, created = create_child(home, RecommendationTrackerPage, RECOMMENDATIONS["tracker"])
    return int(created)


def _organisation(key):
    """A demo organisation by French acronym or name and country; None if the registry part has
    not created it."""
    name, country = key
    return registry.organisation(name, country) or (
        Organisation.objects.filter(name_fr=name, country=country).first()
    )


@contextmanager
def _at(moment):
    """Rows created inside are stamped with `moment` (their auto_now_add fields), not now."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _create(spec):
    today = timezone.localdate()
    source = spec["source"] and PublicationPage.objects.filter(slug_fr=spec["source"]).first()
    recommendation = Recommendation.objects.create(
        **translated(**spec["text"]),
        reference=spec["reference"],
        axis=spec["axis"],
        country=spec["country"],
        priority=spec["priority"],
        source_page=source,
        lead_organisation=_organisation(spec["lead"]),
        target_date=today + datetime.timedelta(days=spec["target_in_days"]),
        is_public=spec["public"],
    )
    supporting = [_organisation(key) for key in spec["support"]]
    recommendation.supporting_organisations.set([o for o in supporting if o is not None])
    _history(recommendation, spec)


def _written(field, text):
    """The fields of a text written in one language: {field: its text, "language": its language}."""
    if not text:
        return {field: ""}
    ((language, words),) = text.items()
    return {field: words, "language": language}


def _history(recommendation, spec):
    reviewer = User.objects.get(email=DEMO_ADMIN[0])
    focal_point = registry.focal_point_account()
    now = timezone.now()
    for days_ago, organisation, status, progress, narrative, review in spec["updates"]:
        organisation = _organisation(organisation)
        submitted = now - datetime.timedelta(days=days_ago)
        with _at(submitted):
            update = ProgressUpdate.objects.create(
                recommendation=recommendation,
                author=focal_point if organisation and organisation.acronym_fr == "INS" else None,
                organisation=organisation,
                proposed_status=status,
                proposed_progress=progress,
                **_written("narrative", narrative),
            )
            if status == Status.IMPLEMENTED:
                ProgressEvidence.objects.create(update=update, url=spec["evidence"])
        if review is None:
            continue
        decision, after_days, comment = review
        reviewed = submitted + datetime.timedelta(days=after_days)
        with _at(reviewed):
            ProgressReview.objects.create(
                update=update, decision=decision, reviewer=reviewer, **_written("comment", comment)
            )
        if decision == Decision.VALIDATED:
            recommendation.status, recommendation.progress = status, progress
            recommendation.last_validated_at = reviewed
    recommendation.save(update_fields=["status", "progress", "last_validated_at"])
