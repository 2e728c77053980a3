"""Merging two records of one person (stakeholders/merge.py)."""

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from home.parsing import decimal_id

from ...merge import MergeError, merge_people, plan_merge
from ...models import Person
from ..mixins import StaffPageMixin
from .labels import field_labels


def can_merge(user):
    return user.has_perm("stakeholders.change_person") and user.has_perm(
        "stakeholders.delete_person"
    )


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=gettext_lazy("Person to keep"), queryset=Person.objects.all()
    )
    other = forms.ModelChoiceField(
        label=gettext_lazy("Duplicate to merge into it and delete"),
        queryset=Person.objects.all(),
    )

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("other"):
            raise forms.ValidationError(_("Choose two different people."))
        return data


def possible_duplicates(person):
    """Other people with the same email address or the same name, in either script."""
    same = Q(first_name__iexact=person.first_name, last_name__iexact=person.last_name)
    if person.email:
        same |= Q(email__iexact=person.email)
    if person.last_name_ar:
        same |= Q(first_name_ar=person.first_name_ar, last_name_ar=person.last_name_ar)
    return Person.objects.filter(same).exclude(pk=person.pk)[:10]


class MergeView(PermissionCheckedMixin, StaffPageMixin, TemplateView):
    """Pick two records of one person, see what the merge does, confirm."""

    model = Person
    template_name = "stakeholders/admin/merge.html"
    page_title = gettext_lazy("Merge duplicate people")
    header_icon = "resubmit"
    index_url_name = "registry_people:index"
    index_label = Person._meta.verbose_name_plural

    def has_permission(self):
        return can_merge(self.request.user)

    def get(self, request, *args, **kwargs):
        bound = "keep" in request.GET and "other" in request.GET
        form = MergeForm(request.GET if bound else None, initial=request.GET.dict())
        context = {"form": form}
        if bound and form.is_valid():
            context["plan"] = plan_merge(form.cleaned_data["keep"], form.cleaned_data["other"])
        elif keep := self.person_to_keep():
            context.update(keep=keep, duplicates=possible_duplicates(keep))
        return self.render_to_response(self.get_context_data(**context))

    def person_to_keep(self):
        keep = self.request.GET.get("keep", "")
        keep = decimal_id(keep)
        return Person.objects.filter(pk=keep).first() if keep is not None else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if plan := context.get("plan"):
            context["filled"] = [
                (Person._meta.get_field(name).verbose_name, value) for name, value in plan.filled
            ]
            context["labels"] = field_labels(Person)
        return context

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        keep, other = form.cleaned_data["keep"], form.cleaned_data["other"]
        try:
            merge_people(keep, other)
        except MergeError as error:
            plan = plan_merge(keep, other)
            plan.problems = plan.problems or error.problems
            return self.render_to_response(self.get_context_data(form=form, plan=plan))
        messages.success(
            request, _("%(other)s was merged into %(keep)s.") % {"other": other, "keep": keep}
        )
        return redirect("registry_people:inspect", quote(keep.pk))
