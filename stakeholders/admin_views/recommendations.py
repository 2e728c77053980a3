"""Recommendations in the Wagtail admin: listing with filters, search and export, the import with
its preview, and each recommendation's page with the timeline of its progress updates, where
staff who may change recommendations validate or return the updates waiting for review.

Status and progress have no form field: only a validated update moves them
(stakeholders/recommendations.py). The export's columns are the import's
(stakeholders/recommendation_io.py), so a file exported here imports back unchanged.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect

from .. import recommendation_io
from .. import recommendations as rules
from ..models import (
    Organisation,
    ProgressEvidence,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
)
from .registry import (
    ORGANISATION_PANELS_HOOK,
    OrganisationPanel,
    RegistryIndexView,
    RegistryViewSet,
    field_labels,
)

NAMESPACE = "recommendations"


def label(name):
    return capfirst(Recommendation._meta.get_field(name).verbose_name)


def admin_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=[quote(arg) for arg in args])


def waiting():
    """An annotation: whether an update of the recommendation waits for review."""
    return Exists(ProgressUpdate.objects.filter(rules.pending(), recommendation=OuterRef("pk")))


class RecommendationFilterSet(WagtailFilterSet):
    lead_organisation = django_filters.ModelChoiceFilter(
        label=label("lead_organisation"), queryset=Organisation.objects.order_by("name")
    )
    is_waiting = django_filters.BooleanFilter(
        label=gettext_lazy("Update waiting for review"),
        field_name="is_waiting",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Recommendation
        fields = ["status", "axis", "country", "priority", "is_public"]


class RecommendationIndexView(RegistryIndexView):
    title_column = (
        "reference",
        Recommendation._meta.get_field("reference").verbose_name,
        "reference",
    )
    export_accessors = recommendation_io.EXPORT_ACCESSORS

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("lead_organisation")
            .prefetch_related(*recommendation_io.MANY)
            .annotate(is_waiting=waiting())
        )


class RecommendationInspectView(generic.InspectView):
    """A recommendation's fields, then its timeline with the review forms."""

    template_name = "stakeholders/recommendations/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Recommendation.objects.select_related(
                "lead_organisation", "source_page", "source_document"
            ).prefetch_related(
                Prefetch(
                    "supporting_organisations", queryset=Organisation.objects.order_by("name")
                ),
                "focal_points",
                "protocols",
            ),
            pk=self.pk,
        )

    def get_field_display_value(self, field_name, field):
        if field_name in recommendation_io.MANY:
            return "; ".join(str(item) for item in getattr(self.object, field_name).all()) or "—"
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "—" if value is None or value == "" else value

    def get_context_data(self, review_form=None, **kwargs):
        updates = list(rules.timeline(self.object))
        # One update at most waits for review (stakeholders/recommendations.py): its review form
        # comes first on the page, before the fields and the history.
        waiting = next((update for update in updates if not hasattr(update, "review")), None)
        can_review = rules.can_review(self.request.user)
        if waiting and can_review and review_form is None:
            review_form = ReviewForm(update=waiting)
        return super().get_context_data(
            updates=updates,
            waiting=waiting,
            can_review=can_review,
            review_form=review_form if waiting and can_review else None,
            labels=field_labels(ProgressUpdate),
            **kwargs,
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("validate", "validate"), ("return", "return")])
    comment = forms.CharField(required=False, max_length=5000)

    def __init__(self, *args, update, **kwargs):
        super().__init__(*args, **kwargs)
        self.update = update

    def clean(self):
        data = super().clean()
        if data.get("decision") == "validate":
            contradiction = rules.status_contradiction(
                self.update.proposed_status, self.update.proposed_progress
            )
            if contradiction:
                raise ValidationError(
                    _(
                        "This update cannot be validated: %(reason)s Return it to its authors, "
                        "saying what to correct."
                    ),
                    code="contradiction",
                    params={"reason": contradiction},
                )
        return data


class ReviewView(RecommendationInspectView):
    """POST: validates an update, or returns it with a comment. A form that does not hold comes
    back on the recommendation's page, with what was typed."""

    permission_required = "change"
    any_permission_required = None
    http_method_names = ["post"]

    def post(self, request, pk, update):
        update = get_object_or_404(
            ProgressUpdate.objects.select_related("recommendation"), pk=update, recommendation=pk
        )
        form = ReviewForm(request.POST, update=update)
        if not form.is_valid():
            if form.has_error("decision"):
                messages.error(request, _("This review was not understood."))
                return redirect(admin_url("inspect", pk))
            return self.render_to_response(self.get_context_data(review_form=form))
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == "validate":
                rules.validate(update, request.user, comment)
                message = _(
                    "Update validated: the recommendation is now “%(status)s”, %(progress)s %%."
                )
            else:
                rules.return_update(update, request.user, comment)
                message = _("Update returned to its authors with your comment.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                message
                % {
                    "status": RecommendationStatus(update.proposed_status).label,
                    "progress": update.proposed_progress,
                },
            )
        return redirect(admin_url("inspect", pk) + f"#update-{update.pk}")


class EvidenceView(PermissionCheckedMixin, View):
    """An evidence file, as an attachment, for staff who may see recommendations."""

    model = Recommendation
    any_permission_required = ["add", "change", "view"]

    def get(self, request, pk, evidence):
        item = get_object_or_404(
            ProgressEvidence.objects.exclude(file=""), pk=evidence, update__recommendation=pk
        )
        return rules.evidence_response(item)


class RecommendationDeleteView(generic.DeleteView):
    """A recommendation with progress updates is kept: its timeline is append-only."""

    def form_valid(self, form):
        if self.object.updates.exists():
            messages.error(
                self.request,
                _(
                    "This recommendation has progress updates: it cannot be deleted. Untick "
                    "“public” to take it out of the tracker."
                ),
            )
            return redirect(admin_url("inspect", self.object.pk))
        return super().form_valid(form)


class RecommendationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_ar", "title_en", "text_ar", "text_en"):
            if name in self.fields:
                self.fields[name].required = False


def translated(name, widget=forms.TextInput):
    return MultiFieldPanel(
        [
            FieldPanel(f"{name}_fr"),
            FieldPanel(f"{name}_ar", widget=widget(attrs={"dir": "rtl", "lang": "ar"})),
            FieldPanel(f"{name}_en"),
        ],
        heading=label(name),
    )


class RecommendationViewSet(RegistryViewSet):
    model = Recommendation
    icon = "tasks"
    menu_label = gettext_lazy("Recommendations")
    menu_order = 320
    add_to_admin_menu = True
    import_kind = "recommendation"
    index_view_class = RecommendationIndexView
    inspect_view_class = RecommendationInspectView
    delete_view_class = RecommendationDeleteView
    filterset_class = RecommendationFilterSet
    ordering = "reference"
    list_display = [
        "reference",
        "title",
        "country",
        "lead_organisation",
        "target_date",
        "status",
        Column("progress", label=label("progress"), sort_key="progress"),
        Column(
            "is_waiting",
            label=gettext_lazy("Update waiting for review"),
            accessor=lambda recommendation: _("Yes") if recommendation.is_waiting else "",
        ),
    ]
    search_fields = ["reference", "title_fr", "title_ar", "title_en", "theme_fr"]
    list_export = recommendation_io.COLUMNS
    export_filename = "recommendations"
    inspect_view_fields = [
        "reference",
        "title",
        "text",
        "source_page",
        "source_document",
        "axis",
        "country",
        "theme",
        "priority",
        "lead_organisation",
        "supporting_organisations",
        "focal_points",
        "target_date",
        "indicator",
        "baseline",
        "target",
        "means_of_verification",
        "status",
        "progress",
        "last_validated_at",
        "is_public",
        "protocols",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("reference"),
            translated("title"),
            translated("text", forms.Textarea),
            FieldPanel("source_page"),
            FieldPanel("source_document"),
            FieldPanel("axis"),
            FieldPanel("country"),
            translated("theme"),
            FieldPanel("priority"),
            FieldPanel("lead_organisation"),
            FieldPanel("supporting_organisations"),
            FieldPanel("focal_points"),
            FieldPanel("target_date"),
            translated("indicator", forms.Textarea),
            translated("baseline", forms.Textarea),
            translated("target", forms.Textarea),
            translated("means_of_verification", forms.Textarea),
            FieldPanel("is_public"),
            FieldPanel("protocols"),
        ],
        base_form_class=RecommendationAdminForm,
    )

    @property
    def review_view(self):
        return self.construct_view(ReviewView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/updates/<int:update>/review/", self.review_view, name="review"),
            path("<int:pk>/evidence/<int:evidence>/", EvidenceView.as_view(), name="evidence"),
        ]


# An organisation's page: the recommendations it leads or supports ------------------------------


class RecommendationsPanel(OrganisationPanel):
    name = "recommendations"
    heading = gettext_lazy("Recommendations")
    icon = "tasks"
    order = 40
    template_name = "stakeholders/recommendations/admin/organisation_panel.html"

    def get_context_data(self, parent_context=None):
        organisations = Organisation.objects.filter(pk=self.organisation.pk)
        recommendations = Recommendation.objects.filter(rules.responsible(organisations)).order_by(
            "target_date", "reference"
        )
        return {
            **super().get_context_data(parent_context),
            "recommendations": [
                (recommendation, admin_url("inspect", recommendation.pk))
                for recommendation in recommendations
            ],
            "labels": field_labels(Recommendation),
        }


@hooks.register(ORGANISATION_PANELS_HOOK)
def recommendations_panel(organisation, request):
    """Only for staff who may see recommendations: to others, the registry shows its placeholder."""
    if not rules.sees_all(request.user):
        return None
    return RecommendationsPanel(organisation, request)


viewsets = [RecommendationViewSet(NAMESPACE)]
