"""Importing organisations or people from a CSV or XLSX file (stakeholders/imports.py)."""

from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ... import imports
from ..mixins import StaffPageMixin


class ImportView(PermissionCheckedMixin, StaffPageMixin, TemplateView):
    """Upload → preview of every row → confirm; nothing is imported while a row is invalid.

    The file waits between the preview and the confirmation in the database, under a random
    token, for its uploader only, whichever session or app server confirms it
    (stakeholders.imports.keep_upload).
    """

    model = None
    kind = ""
    template_name = "stakeholders/admin/import.html"
    page_title = gettext_lazy("Import")
    header_icon = "upload"

    def has_permission(self):
        return self.user_has_permission("add") and self.user_has_permission("change")

    def get_page_subtitle(self):
        return self.model._meta.verbose_name_plural

    def get_index_label(self):
        return self.get_page_subtitle()

    def get_context_data(self, **kwargs):
        importer = imports.IMPORTERS[self.kind]
        context = super().get_context_data(
            columns=importer.columns,
            matching_help=importer.help_text,
            index_url=self.get_index_url(),
            **kwargs,
        )
        if plan := context.get("plan"):
            context["plan_counts"] = {
                action: plan.count(action) for action in ("create", "update", "unchanged")
            }
        return context

    def get(self, request, *args, **kwargs):
        if "token" in request.GET:  # a preview left waiting (the admin home links to it)
            return self.reopen(request.GET["token"])
        return self.render_to_response(self.get_context_data(form=imports.UploadForm()))

    def reopen(self, token):
        """The preview of a file this user uploaded and has not confirmed yet, planned again."""
        try:
            upload = imports.read_upload(token, self.request.user, self.kind)
            table = imports.read_table(bytes(upload.content), upload.filename)
            plan = imports.plan_import(self.kind, table)
        except imports.ImportFileError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        return self.render_to_response(
            self.get_context_data(
                plan=plan, token=token if plan.is_valid else None, form=imports.UploadForm()
            )
        )

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        form = imports.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            plan = imports.plan_import(self.kind, form.table)
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = None
        if plan.is_valid:
            token = imports.keep_upload(
                request.user,
                form.data_bytes,
                kind=self.kind,
                filename=form.cleaned_data["file"].name,
                path=request.path,
                model=self.model._meta.label_lower,
            )
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, form=imports.UploadForm())
        )

    def confirm(self, token):
        try:
            upload = imports.take_upload(token, self.request.user, self.kind)
            table = imports.read_table(bytes(upload.content), upload.filename)
            plan = imports.run_import(self.kind, table)
        except imports.ImportFileError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        except IntegrityError:
            messages.error(self.request, _("The import failed and imported nothing: try again."))
            return redirect(self.request.path)
        if not plan.applied:
            return self.render_to_response(
                self.get_context_data(plan=plan, form=imports.UploadForm())
            )
        messages.success(
            self.request,
            _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "created": plan.count("create"),
                "updated": plan.count("update"),
                "unchanged": plan.count("unchanged"),
            },
        )
        return redirect(self.index_url_name)


def previews_waiting(request):
    """The previews the user left unconfirmed, from any session, oldest first, of the kinds
    they may still import (add and change)."""
    user = request.user

    def may_import(upload):
        app_label, model_name = upload.model.split(".")
        return all(
            user.has_perm(f"{app_label}.{action}_{model_name}") for action in ("add", "change")
        )

    return [upload for upload in imports.waiting_uploads(user) if may_import(upload)]
