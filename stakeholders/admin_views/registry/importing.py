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

SESSION_KEY = "amem_registry_imports"
PENDING_IMPORTS = 3  # the previews a session keeps waiting for their confirmation


class ImportView(PermissionCheckedMixin, StaffPageMixin, TemplateView):
    """Upload → preview of every row → confirm; nothing is imported while a row is invalid.

    The file waits between the preview and the confirmation under a random token that only the
    session which uploaded it knows (stakeholders.imports.keep_upload).
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
        """The preview of a file this session uploaded and has not confirmed yet, planned again."""
        upload = self.request.session.get(SESSION_KEY, {}).get(token)
        try:
            if upload is None or upload["kind"] != self.kind:
                raise imports.ImportFileError(_("This import has expired: upload the file again."))
            table = imports.read_table(imports.read_upload(token), upload["filename"])
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
            token = imports.keep_upload(form.data_bytes)
            pending = request.session.get(SESSION_KEY, {})
            pending[token] = {
                "kind": self.kind,
                "filename": form.cleaned_data["file"].name,
                "path": request.path,
                "model": self.model._meta.label_lower,
            }
            for old in list(pending)[:-PENDING_IMPORTS]:  # previews never confirmed
                imports.discard_upload(old)
                del pending[old]
            request.session[SESSION_KEY] = pending
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, form=imports.UploadForm())
        )

    def confirm(self, token):
        pending = self.request.session.get(SESSION_KEY, {})
        upload = pending.pop(token, None)
        self.request.session[SESSION_KEY] = pending
        try:
            if upload is None or upload["kind"] != self.kind:
                raise imports.ImportFileError(_("This import has expired: upload the file again."))
            table = imports.read_table(imports.read_upload(token), upload["filename"])
            imports.discard_upload(token)
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
    """The previews this session left unconfirmed whose file is still kept, oldest first:
    [(token, {"kind", "filename", "path", "model"})], for the staff who may import that kind."""
    user = request.user
    waiting = []
    for token, upload in request.session.get(SESSION_KEY, {}).items():
        if "path" not in upload or not imports.upload_exists(token):
            continue
        app_label, model_name = upload["model"].split(".")
        if all(user.has_perm(f"{app_label}.{action}_{model_name}") for action in ("add", "change")):
            waiting.append((token, upload))
    return waiting
