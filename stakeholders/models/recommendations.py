"""Recommendations of studies and workshops, and the follow-up of their implementation.

Partners propose progress updates; staff validate or return them; only a validated update moves
the recommendation. Updates, their evidence and their reviews are append-only: the timeline of a
recommendation is the list of its updates. The rules live in stakeholders/recommendations.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.vocabulary import Axis, Scope

from .protocols import AppendOnlyModel, Protocol
from .registry import Organisation, Person


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


class Recommendation(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    Status = RecommendationStatus

    reference = models.CharField(
        _("reference"), max_length=50, unique=True, help_text=_("e.g. TN-SIM-2024-R05")
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("source (study or workshop)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    source_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("source document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices)
    country = models.CharField(_("country"), max_length=2, choices=Scope.choices)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations_led",
    )
    supporting_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("supporting organisations"),
        blank=True,
        related_name="recommendations_supported",
    )
    focal_points = models.ManyToManyField(
        Person,
        verbose_name=_("focal points"),
        blank=True,
        related_name="recommendations_followed",
        help_text=_("Empty: the focal points of the lead organisation."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    indicator = models.TextField(_("indicator"), blank=True)
    baseline = models.TextField(_("baseline"), blank=True)
    target = models.TextField(_("target"), blank=True)
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    # Moved only by a validated progress update (stakeholders/recommendations.py).
    status = models.CharField(
        _("status"),
        max_length=25,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public tracker.")
    )
    protocols = models.ManyToManyField(
        Protocol,
        verbose_name=_("protocols that carry it out"),
        blank=True,
        related_name="recommendations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_validated_at = models.DateTimeField(
        _("last validated update"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="recommendation_progress_at_most_100"
            )
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"


class ProgressUpdate(AppendOnlyModel):
    """A partner's account of progress on a recommendation; it counts once staff validate it."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        related_name="updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="progress_updates",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    proposed_status = models.CharField(
        _("proposed status"), max_length=25, choices=RecommendationStatus.choices
    )
    proposed_progress = models.PositiveSmallIntegerField(
        _("proposed progress (%)"), validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("what was done"))
    # The narrative is its author's own words, shown as written: pages in another language mark
    # it with this one (home/templatetags/amem_languages.py). Blank: not recorded (older rows).
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.recommendation.reference} — {self.submitted_at:%Y-%m-%d}"


class ProgressEvidence(AppendOnlyModel):
    """A file or a link that backs a progress update."""

    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("progress update"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    label = models.CharField(_("description"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_is_a_file_or_a_link",
            )
        ]

    def __str__(self):
        return self.label or self.url or self.file.name


class ProgressReview(AppendOnlyModel):
    """Staff's decision on a progress update, once: validated, or returned with a comment."""

    class Decision(models.TextChoices):
        VALIDATED = "validated", _("Validated")
        RETURNED = "returned", _("Returned")

    update = models.OneToOneField(
        ProgressUpdate,
        verbose_name=_("progress update"),
        on_delete=models.PROTECT,
        related_name="review",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, blank=True, default=""
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.update} — {self.get_decision_display()}"


class RecommendationReminder(models.Model):
    """The digest sent to a focal point on a day: a second run that day sends nothing."""

    person = models.ForeignKey(
        Person, verbose_name=_("focal point"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("sent on"))
    recommendations = models.ManyToManyField(Recommendation, related_name="+")

    class Meta:
        verbose_name = _("recommendation reminder")
        verbose_name_plural = _("recommendation reminders")
        constraints = [
            models.UniqueConstraint(fields=["person", "sent_on"], name="one_digest_a_day")
        ]
