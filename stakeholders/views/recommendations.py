"""The partner space's recommendations: a focal point follows those their organisations lead or
support, reads each one's timeline and proposes progress updates with evidence.

Every recommendation and evidence file is fetched through stakeholders/recommendations.py,
filtered by the user: another organisation's is a 404. Staff review the updates in the admin
(stakeholders/admin_views/recommendations.py).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from home.forms import paginate

from .. import recommendations as rules
from ..models import ProgressEvidence, RecommendationStatus

app_name = "recommendations"

PER_PAGE = 20
MAX_LINKS = 10
TEMPLATES = "stakeholders/recommendations"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input: a list of uploads, empty when none was chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data]
        return [
            super(MultipleFileField, self).clean(upload, initial) for upload in uploads if upload
        ]


class ProposeUpdateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("On behalf of"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of your organisations.")},
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=RecommendationStatus.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose a status from the list.")},
    )
    progress = forms.IntegerField(
        label=gettext_lazy("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": gettext_lazy("Give the progress, from 0 to 100."),
            "invalid": gettext_lazy("The progress is a whole number from 0 to 100."),
            "min_value": gettext_lazy("The progress is a whole number from 0 to 100."),
            "max_value": gettext_lazy("The progress is a whole number from 0 to 100."),
        },
    )
    narrative = forms.CharField(
        label=gettext_lazy("What was done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=gettext_lazy("What was done since the last update, by whom, and what is next."),
        error_messages={"required": gettext_lazy("Say what was done.")},
    )
    files = MultipleFileField(
        label=gettext_lazy("Evidence files"),
        required=False,
        help_text=gettext_lazy(
            "PDF, JPEG, PNG, DOCX, XLSX or ODT; 10 MB at most each, 5 files at most. Files are "
            "not kept if the form comes back with an error: choose them again."
        ),
    )
    links = forms.CharField(
        label=gettext_lazy("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=gettext_lazy("One web address per line, e.g. a decree in the official journal."),
    )

    def __init__(self, *args, organisations, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        first_two = list(organisations[:2])
        self.only_organisation = first_two[0] if len(first_two) == 1 else None
        if self.only_organisation:  # nothing to choose: it goes without saying
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["status"].initial = recommendation.status
        self.fields["progress"].initial = recommendation.progress
        self.fields["files"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in rules.EVIDENCE_MAGIC
        )

    def clean_organisation(self):
        return self.cleaned_data["organisation"] or self.only_organisation

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        errors = []
        for upload in uploads:
            try:
                rules.check_evidence_file(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Give at most %(count)s links.") % {"count": MAX_LINKS})
        validate = URLValidator(schemes=["http", "https"])
        errors = []
        for link in links:
            try:
                validate(link)
            except ValidationError:
                errors.append(_("“%(link)s” is not a web address.") % {"link": link})
        if errors:
            raise ValidationError(errors)
        return links

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            rules.check_proposal(data["status"], data["progress"], data["narrative"], self.evidence)
        except ValidationError as error:
            self.add_error(None, error)
        return data

    @property
    def evidence(self):
        data = self.cleaned_data
        return [rules.Evidence(file=upload) for upload in data.get("files", [])] + [
            rules.Evidence(url=link, label=link) for link in data.get("links", [])
        ]


@login_required
@require_safe
def recommendation_list(request):
    """The recommendations the user's organisations lead or support, those due first."""
    page, page_range = paginate(
        rules.recommendations_for_focal_point(request.user), request.GET.get("page"), PER_PAGE
    )
    return render(
        request, f"{TEMPLATES}/list.html", {"recommendations": page, "page_range": page_range}
    )


@login_required
@require_safe
def detail(request, pk):
    """A recommendation, what it aims at, and the timeline of its updates."""
    recommendation = rules.recommendation_for(request.user, pk)
    context = {
        "recommendation": recommendation,
        "supporting": list(recommendation.supporting_organisations.order_by("name")),
        "protocols": list(recommendation.protocols.order_by("reference")),
        "updates": rules.timeline(recommendation),
    }
    return render(request, f"{TEMPLATES}/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, pk):
    """The form of a progress update; it waits for the project team's review."""
    recommendation = rules.recommendation_for(request.user, pk)
    if recommendation.is_waiting:
        messages.info(request, _("An update of this recommendation is already waiting for review."))
        return redirect("stakeholders:recommendations:detail", pk=recommendation.pk)
    form = ProposeUpdateForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=rules.responsible_organisations(request.user, recommendation),
        recommendation=recommendation,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            rules.propose_update(
                recommendation,
                request.user,
                data["organisation"],
                data["status"],
                data["progress"],
                data["narrative"],
                form.evidence,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your update was sent. The project team will review it before it is shown."),
            )
            return redirect("stakeholders:recommendations:detail", pk=recommendation.pk)
    return render(
        request, f"{TEMPLATES}/propose.html", {"recommendation": recommendation, "form": form}
    )


@login_required
@require_safe
def evidence(request, pk):
    """An evidence file of a recommendation the user's organisations are responsible for."""
    mine = rules.recommendations_for_focal_point(request.user).values("pk")
    item = get_object_or_404(
        ProgressEvidence.objects.exclude(file="").filter(update__recommendation__in=mine), pk=pk
    )
    return rules.evidence_response(item)


urlpatterns = [
    path("", recommendation_list, name="list"),
    path("<int:pk>/", detail, name="detail"),
    # Segments translated (stakeholders/urls.py says why).
    path(format_lazy("<int:pk>/{}", gettext_lazy("update/")), propose, name="propose"),
    path(format_lazy("{}<int:pk>/", gettext_lazy("evidence/")), evidence, name="evidence"),
]
