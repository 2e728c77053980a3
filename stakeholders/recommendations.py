"""The follow-up of recommendations: who sees which, who proposes progress, who validates it.

Visibility (`visible_recommendations`): staff who may view or change recommendations see them
all; a focal point sees the public ones and those their organisations are responsible for (lead
or supporting); anyone else, the public ones only. The partner space lists a focal point's own
(`recommendations_for_focal_point`): any other is a 404 there.

Progress: a focal point of a responsible organisation proposes an update (status, %, narrative,
evidence); staff with the permission to change recommendations validate it or return it with a
comment; only a validated update moves the recommendation. One update at a time waits for
review. Each step locks the recommendation's row, so that two reviews, or a review and a new
proposal, never cross. Updates, evidence and reviews are append-only (the models refuse changes;
migration 0006 makes PostgreSQL refuse them too): the timeline is the list of updates.

A narrative or a comment is shown as its author wrote it: it records the language its author was
using the site in (`writing_language`), and pages in another language mark it so.
"""

import datetime
import mimetypes
import secrets
from dataclasses import dataclass
from email.utils import formataddr
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from documents.tasks_recovery import send_once

from . import access
from .models import (
    Affiliation,
    Person,
    ProgressEvidence,
    ProgressReview,
    ProgressUpdate,
    Recommendation,
    RecommendationReminder,
    RecommendationStatus,
)

REVIEW_PERMISSION = "stakeholders.change_recommendation"
VIEW_PERMISSIONS = ("stakeholders.view_recommendation", REVIEW_PERMISSION)
# Statuses that close a recommendation: no reminder is due about it any more.
CLOSED = (RecommendationStatus.IMPLEMENTED, RecommendationStatus.NO_LONGER_RELEVANT)

MAX_EVIDENCE_SIZE = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 5
# What an evidence file's first bytes must be, whatever its name says. Office files are zip
# archives; they are only ever served as attachments.
EVIDENCE_MAGIC = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}


@dataclass
class Evidence:
    """A file or a link offered as evidence, before it is stored."""

    file: UploadedFile | None = None
    url: str = ""
    label: str = ""


# Who sees what ---------------------------------------------------------------------------------


def sees_all(user):
    """Whether the user is staff who may see every recommendation (in the admin)."""
    return user.is_authenticated and user.is_active and any(map(user.has_perm, VIEW_PERMISSIONS))


def can_review(user):
    """Whether the user may validate or return progress updates."""
    return user.is_authenticated and user.is_active and user.has_perm(REVIEW_PERMISSION)


def responsible(organisations):
    """A filter: recommendations that one of `organisations` leads or supports."""
    supporting = Recommendation.supporting_organisations.through.objects.filter(
        recommendation=OuterRef("pk"), organisation__in=organisations.values("pk")
    )
    return Q(lead_organisation__in=organisations.values("pk")) | Q(Exists(supporting))


def visible_recommendations(user):
    """Staff: all; a focal point: the public ones and their organisations'; anyone: public."""
    recommendations = Recommendation.objects.all()
    if sees_all(user):
        return recommendations
    if not user.is_authenticated:
        return recommendations.filter(is_public=True)
    return recommendations.filter(Q(is_public=True) | responsible(access.organisations_for(user)))


def recommendations_for_focal_point(user):
    """The recommendations the user's organisations lead or support, those due first."""
    return (
        Recommendation.objects.filter(responsible(access.organisations_for(user)))
        .select_related("lead_organisation")
        .annotate(
            is_waiting=Exists(
                ProgressUpdate.objects.filter(pending(), recommendation=OuterRef("pk"))
            )
        )
        .order_by("target_date", "reference")
    )


def recommendation_for(user, pk):
    """The recommendation `pk` if the user's organisations are responsible for it; else 404."""
    return get_object_or_404(recommendations_for_focal_point(user), pk=pk)


def responsible_organisations(user, recommendation):
    """The organisations the user may propose updates for on this recommendation, by name."""
    organisations = access.organisations_for(user)
    supporting = recommendation.supporting_organisations.filter(pk__in=organisations.values("pk"))
    return organisations.filter(
        Q(pk=recommendation.lead_organisation_id) | Q(pk__in=supporting.values("pk"))
    )


def pending():
    """A filter: updates still waiting for review."""
    return Q(review__isnull=True)


def timeline(recommendation):
    """Every update of the recommendation, oldest first, with its evidence and its review."""
    return (
        ProgressUpdate.objects.filter(recommendation=recommendation)
        .select_related("author", "organisation", "review__reviewer")
        .prefetch_related(Prefetch("evidence", queryset=ProgressEvidence.objects.order_by("pk")))
        .order_by("submitted_at", "pk")
    )


# Proposing -------------------------------------------------------------------------------------


def check_evidence_file(upload):
    """The upload if its name, size and first bytes say it is one of EVIDENCE_MAGIC's types."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in EVIDENCE_MAGIC:
        raise ValidationError(
            _("“%(name)s”: upload a file of one of these types: %(types)s.")
            % {"name": upload.name, "types": ", ".join(sorted(EVIDENCE_MAGIC))}
        )
    if upload.size > MAX_EVIDENCE_SIZE:
        raise ValidationError(_("“%(name)s” is too large (10 MB at most).") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(EVIDENCE_MAGIC[extension]):
        raise ValidationError(
            _("The content of “%(name)s” does not match its type.") % {"name": upload.name}
        )
    return upload


def writing_language():
    """The language of the request being served, taken as the one its author writes in."""
    language = (translation.get_language() or "")[:2]
    return language if language in dict(settings.LANGUAGES) else ""


# Statuses that say the work has not begun (0 %), and those that say it has begun and is not
# finished (1 to 99 %). "No longer relevant" goes with any progress: work may stop half-way.
NOT_BEGUN = (RecommendationStatus.NOT_STARTED, RecommendationStatus.PLANNED)
UNDER_WAY = (RecommendationStatus.IN_PROGRESS, RecommendationStatus.PARTIALLY_IMPLEMENTED)


def status_contradiction(status, progress):
    """Why a status and a progress contradict each other ("Planned" at 50 %), or ""."""
    name = RecommendationStatus(status).label if status in RecommendationStatus.values else ""
    if status in NOT_BEGUN and progress != 0:
        return _("“%(status)s” means the work has not begun: the progress is 0 %%.") % {
            "status": name
        }
    if status in UNDER_WAY and not 0 < progress < 100:
        return _(
            "“%(status)s” means the work has begun and is not finished: the progress is "
            "between 1 and 99 %%."
        ) % {"status": name}
    if status == RecommendationStatus.IMPLEMENTED and progress != 100:
        return _("An implemented recommendation has a progress of 100.")
    return ""


def check_proposal(status, progress, narrative, evidence):
    """Raises a ValidationError, by field, for what makes a proposal unacceptable."""
    errors = {}
    if status not in RecommendationStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        errors["progress"] = _("The progress is a whole number from 0 to 100.")
    elif contradiction := status_contradiction(status, progress):
        errors["progress"] = contradiction
    if not (narrative or "").strip():
        errors["narrative"] = _("Say what was done.")
    if status == RecommendationStatus.IMPLEMENTED and not evidence:
        errors[NON_FIELD_ERRORS] = _(
            "To report the recommendation as implemented, add evidence: a file or a link."
        )
    if len([item for item in evidence if item.file]) > MAX_EVIDENCE_FILES:
        errors[NON_FIELD_ERRORS] = _("Attach at most %(count)s files.") % {
            "count": MAX_EVIDENCE_FILES
        }
    if errors:
        raise ValidationError(errors)


def propose_update(recommendation, user, organisation, status, progress, narrative, evidence=()):
    """A new progress update, waiting for review; the recommendation does not move yet.

    PermissionDenied if the user is not a current focal point of `organisation` or if the
    organisation is not responsible for the recommendation; ValidationError for bad input or
    while another update waits for review.
    """
    evidence = list(evidence)
    check_proposal(status, progress, narrative, evidence)
    for item in evidence:
        if item.file:
            check_evidence_file(item.file)
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if not responsible_organisations(user, recommendation).filter(pk=organisation.pk).exists():
            raise PermissionDenied
        if recommendation.updates.filter(pending()).exists():
            raise ValidationError(
                _("An update of this recommendation is already waiting for review.")
            )
        update = ProgressUpdate.objects.create(
            recommendation=recommendation,
            author=user,
            organisation=organisation,
            proposed_status=status,
            proposed_progress=progress,
            narrative=narrative.strip(),
            language=writing_language(),
        )
        for item in evidence:
            store_evidence(update, item)
    return update


def store_evidence(update, item):
    """Each file under a random folder: its address cannot be guessed, its name is kept."""
    evidence = ProgressEvidence(update=update, url=item.url, label=item.label.strip()[:255])
    if item.file:
        original = PurePath(get_valid_filename(PurePath(item.file.name).name))
        name = original.stem[:50] + original.suffix.lower()  # the path fits FileField's 100
        evidence.file.save(f"{secrets.token_urlsafe(16)}/{name}", item.file, save=False)
        evidence.label = evidence.label or name
    evidence.save()
    return evidence


def evidence_response(evidence):
    """An evidence file as an attachment, never shown inline in our origin."""
    name = PurePath(evidence.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Reviewing -------------------------------------------------------------------------------------


def validate(update, reviewer, comment=""):
    """Validates the update: the recommendation takes its status and progress, unless they
    contradict each other (`status_contradiction`: an update proposed before the rule)."""
    if contradiction := status_contradiction(update.proposed_status, update.proposed_progress):
        raise ValidationError(contradiction)
    with transaction.atomic():
        recommendation = _review(update, reviewer, ProgressReview.Decision.VALIDATED, comment)
        recommendation.status = update.proposed_status
        recommendation.progress = update.proposed_progress
        recommendation.last_validated_at = timezone.now()
        recommendation.save(update_fields=["status", "progress", "last_validated_at", "updated_at"])
    return recommendation


def return_update(update, reviewer, comment):
    """Returns the update to its authors with a comment; the recommendation does not move."""
    if not (comment or "").strip():
        raise ValidationError(
            {"comment": _("Say why the update is returned: its authors will read it.")}
        )
    with transaction.atomic():
        return _review(update, reviewer, ProgressReview.Decision.RETURNED, comment)


def _review(update, reviewer, decision, comment):
    if not can_review(reviewer):
        raise PermissionDenied
    recommendation = Recommendation.objects.select_for_update().get(pk=update.recommendation_id)
    if ProgressReview.objects.filter(update=update).exists():
        raise ValidationError(_("This update has already been reviewed."))
    ProgressReview.objects.create(
        update=update,
        decision=decision,
        comment=(comment or "").strip(),
        language=writing_language(),
        reviewer=reviewer,
    )
    return recommendation


# Reminders -------------------------------------------------------------------------------------

DUE_WITHIN = datetime.timedelta(days=30)
QUIET_FOR = datetime.timedelta(days=90)


def needing_attention(today):
    """Open recommendations due within 30 days, overdue, or without an update for 90 days."""
    quiet_since = timezone.make_aware(
        datetime.datetime.combine(today - QUIET_FOR, datetime.time.min)
    )
    recent = ProgressUpdate.objects.filter(
        recommendation=OuterRef("pk"), submitted_at__gt=quiet_since
    )
    return Recommendation.objects.exclude(status__in=CLOSED).filter(
        Q(target_date__lte=today + DUE_WITHIN) | (Q(created_at__lte=quiet_since) & ~Exists(recent))
    )


def focal_points_of(recommendations, today):
    """{person: [recommendations]}: each recommendation's focal points if it names any, else the
    current focal points of its lead organisation."""
    named = Prefetch("focal_points", queryset=Person.objects.select_related("user").order_by("pk"))
    recommendations = list(
        recommendations.select_related("lead_organisation").prefetch_related(named)
    )
    leads = {r.lead_organisation_id for r in recommendations if not r.focal_points.all()}
    by_organisation = {}
    for affiliation in (
        Affiliation.objects.current(today)
        .filter(is_focal_point=True, organisation__in=leads)
        .select_related("person__user")
        .order_by("pk")
    ):
        by_organisation.setdefault(affiliation.organisation_id, []).append(affiliation.person)
    people = {}
    for recommendation in recommendations:
        named = list(recommendation.focal_points.all())
        for person in named or by_organisation.get(recommendation.lead_organisation_id, []):
            people.setdefault(person.pk, (person, []))[1].append(recommendation)
    return list(people.values())


def reminder_groups(recommendations, today):
    """The digest's sections, in order: (heading, [recommendations]), empty ones left out."""
    overdue, due, quiet = [], [], []
    by_date = sorted(recommendations, key=lambda r: (r.target_date or today, r.reference))
    for recommendation in by_date:
        if recommendation.target_date and recommendation.target_date < today:
            overdue.append(recommendation)
        elif recommendation.target_date and recommendation.target_date <= today + DUE_WITHIN:
            due.append(recommendation)
        else:
            quiet.append(recommendation)
    sections = [
        (_("Past their target date"), overdue),
        (_("Due within 30 days"), due),
        (_("No update for 90 days"), quiet),
    ]
    return [(heading, items) for heading, items in sections if items]


def detail_path(recommendation):
    """The recommendation's page in the partner space, in the active language."""
    return reverse("stakeholders:recommendations:detail", args=[recommendation.pk])


def reminder_message(person, recommendations, today):
    """The digest for one focal point, in their language, with a link to each recommendation."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(person.email_language()):
        sections = [
            (heading, [(item, base + detail_path(item)) for item in items])
            for heading, items in reminder_groups(recommendations, today)
        ]
        name = str(person)
        if translation.get_language() == "ar" and person.name_ar:
            name = person.name_ar
        # Printable characters only: a name can never add a line to the email's headers.
        name = " ".join("".join(ch for ch in name if ch.isprintable()).split())
        context = {
            "name": name,
            "sections": sections,
            "list_url": base + reverse("stakeholders:recommendations:list"),
        }
        email = EmailMultiAlternatives(
            subject=ngettext(
                "AMEM: %(count)s recommendation to follow up",
                "AMEM: %(count)s recommendations to follow up",
                len(recommendations),
            )
            % {"count": len(recommendations)},
            body=render_to_string("stakeholders/recommendations/email/reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[formataddr((name, person.email_address()))],
            headers={"Content-Language": translation.get_language()},
        )
        email.attach_alternative(
            render_to_string("stakeholders/recommendations/email/reminder.html", context),
            "text/html",
        )
    return email


def reminder_claim_key(reminder):
    """The name of the digest's delivery claim (documents/tasks_recovery.py). The person and
    day beside the row's id keep a row id reused after a restore from a backup from passing for
    an old digest."""
    return (
        f"stakeholders:recommendation-reminder:{reminder.pk}:{reminder.person_id}:"
        f"{reminder.sent_on.isoformat()}"
    )


@task()
def send_reminder(reminder_id, attempt=0):
    """Send a recorded digest, as it was recorded: its person, recommendations and day.

    Sent with documents/tasks_recovery.py's `send_once`: a mail server that is down keeps the digest
    queued until it is back; a second run of the task (enqueued twice, or requeued after its
    worker died) sends nothing once the server has accepted it.
    """
    reminder = (
        RecommendationReminder.objects.select_related("person__user").filter(pk=reminder_id).first()
    )
    if reminder is None:  # its person was deleted since
        return "cancelled"
    if not reminder.person.email_address():
        return "undeliverable"
    recommendations = list(reminder.recommendations.select_related("lead_organisation"))
    try:
        message = reminder_message(reminder.person, recommendations, reminder.sent_on)
        return send_once(
            message, reminder_claim_key(reminder), send_reminder, reminder_id, attempt=attempt
        )
    except Exception:
        # Not sent and not waiting any more: the record goes, so that the next run sends the
        # digest. The immediate backend (development, tests) has no queue to wait in, so a
        # failure lands here at once; the database one only for a refused address or after a
        # day of retries.
        reminder.delete()
        raise


def send_reminders(today=None):
    """Record one digest per focal point with recommendations needing attention, none twice a
    day, and queue each one's sending once its record is committed.

    A recorded digest (RecommendationReminder, unique per person and day) is sent or waiting to
    be sent: a second run the same day queues nothing. A digest whose send fails for good loses
    its record (`send_reminder`), so the next run tries it again.

    Returns the results of the tasks queued, one per digest, each added when its digest's
    transaction commits: READY while it waits for the worker, or, with the immediate backend,
    SUCCESSFUL once sent or FAILED.
    """
    today = today or timezone.localdate()
    results = []
    for person, items in focal_points_of(needing_attention(today), today):
        if not person.email_address():
            continue
        with transaction.atomic():
            reminder, created = RecommendationReminder.objects.get_or_create(
                person=person, sent_on=today
            )
            if not created:
                continue
            reminder.recommendations.set(items)
            transaction.on_commit(lambda pk=reminder.pk: results.append(send_reminder.enqueue(pk)))
    return results
