"""Protocols in the Wagtail admin: parties, signatories, wet-ink signatures, the audit log.

One viewset under /admin/protocols/. Its list, create and edit views are Wagtail's; a protocol's
title in the list opens its file ("inspect"): texts, parties and signatories with the forms
that add or remove them while it is a draft, the buttons of the transitions allowed now, the
wet-ink form of each signatory who has not signed, the audit log with the verification of its
hash chain, and the signature certificate. Every change goes through stakeholders/protocols.py
or stakeholders/signing.py, which lock, check and log. There is no delete: a protocol's audit
log keeps it, and signatures are never edited nor deleted (they have no form at all).
"""

import contextlib
import datetime
import json

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from documents.models import Document
from home.time_zones import zone_name

from .. import protocols, signing
from ..models import (
    Organisation,
    Party,
    Person,
    Protocol,
    ProtocolEvent,
    Signatory,
    WorkingGroup,
    WorkingGroupMember,
)

NAMESPACE = "protocols"
MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# File signatures: what an upload's first bytes must be, whatever its name says.
MAGIC = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
TRANSITION_LABELS = {
    Protocol.Status.OPEN: _("Open for signature"),
    Protocol.Status.DRAFT: _("Back to draft"),
    Protocol.Status.IN_FORCE: _("Record entry into force"),
    Protocol.Status.EXPIRED: _("Record expiry"),
    Protocol.Status.TERMINATED: _("Record termination"),
}
# The transitions that take a date (of entry into force, expiry or termination).
DATED = {Protocol.Status.IN_FORCE, Protocol.Status.EXPIRED, Protocol.Status.TERMINATED}


def admin_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=[quote(arg) for arg in args])


def checked_upload(upload, extensions):
    """The upload if its name, size and first bytes say it is one of `extensions`."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in extensions:
        raise ValidationError(
            _("Upload a file of one of these types: %(types)s.")
            % {"types": ", ".join(sorted(extensions))}
        )
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(_("The file is too large (20 MB at most)."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(MAGIC[extension]):
        raise ValidationError(_("The file's content does not match its type."))
    return upload


def stored_document(upload, *, title, language, kind, user):
    """A documents.Document holding the upload, visible to staff only (signatories and the
    public get protocol texts through the protocol's own views, which check who asks)."""
    document = Document(
        title=title,
        file=upload,
        language=language,
        kind=kind,
        visibility=Document.Visibility.STAFF,
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()  # noqa: SLF001 - what Wagtail's own upload does
    document.save()
    return document


# ---------------------------------------------------------------- Forms


class ProtocolAdminForm(WagtailAdminModelForm):
    """The French title is required; the Arabic and English ones fall back to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_ar", "title_en"):
            if name in self.fields:
                self.fields[name].required = False


class ProtocolBoundForm(forms.Form):
    """A form about one protocol (its parties, its texts)."""

    def __init__(self, *args, protocol, **kwargs):
        super().__init__(*args, **kwargs)
        self.protocol = protocol


class TextForm(ProtocolBoundForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("Text (PDF)"))

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"], {"pdf"})


class PartyForm(ProtocolBoundForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Party.Role.choices)


class SignatoryForm(ProtocolBoundForm):
    party = forms.ModelChoiceField(label=_("Signs for"), queryset=Party.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.all())
    title = forms.CharField(label=_("Title or function"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.protocol.parties.select_related("organisation")


class WetInkForm(ProtocolBoundForm):
    signed_at = forms.DateTimeField(label=_("Signed at"), widget=AdminDateTimeInput)
    place = forms.CharField(label=_("Place of signature"), max_length=255)
    language = forms.ChoiceField(label=_("Language of the text signed"))
    scan = forms.FileField(
        label=_("Scan of the signed page"), help_text=_("PDF, JPEG or PNG, 20 MB at most.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (text.language, text.get_language_display()) for text in self.protocol.texts.all()
        ]
        self.fields["signed_at"].help_text = _(
            "Date and time of the signature on paper (%(zone)s)."
        ) % {"zone": zone_name(timezone.get_current_timezone_name())}

    def clean_signed_at(self):
        signed_at = self.cleaned_data["signed_at"]
        if signed_at > timezone.now():
            raise ValidationError(_("A signature cannot be dated in the future."))
        return signed_at

    def clean_scan(self):
        return checked_upload(self.cleaned_data["scan"], {"pdf", "jpg", "jpeg", "png"})


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Protocol.Status.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=AdminDateInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


# ---------------------------------------------------------------- Wagtail's views, adapted


class ProtocolIndexView(generic.IndexView):
    def get_base_queryset(self):
        parties = Party.objects.select_related("organisation").order_by("sort_order", "pk")
        return super().get_base_queryset().prefetch_related(Prefetch("parties", queryset=parties))

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the protocol's file, where everything about it is done.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )


class ProtocolCreateView(generic.CreateView):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            protocols.record_created(instance, actor=self.request.user)
        return instance

    def get_success_url(self):
        return admin_url("inspect", self.object.pk)


class ProtocolEditView(generic.EditView):
    def save_instance(self):
        changed = {
            name: _loggable(self.form.cleaned_data.get(name)) for name in self.form.changed_data
        }
        with transaction.atomic():
            instance = super().save_instance()
            protocols.record_updated(instance, changed, actor=self.request.user)
        return instance

    def get_success_url(self):
        return admin_url("inspect", self.object.pk)


def _loggable(value):
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class ProtocolInspectView(generic.InspectView):
    """A protocol's file: what it is, who signs, what can be done with it now."""

    page_title = _("Protocol")

    def get_object(self, queryset=None):
        signatories = Signatory.objects.select_related(
            "person", "signature__text", "signature__scan", "signature__recorded_by"
        ).order_by("pk")
        return get_object_or_404(
            Protocol.objects.select_related("signing_ceremony").prefetch_related(
                Prefetch(
                    "parties",
                    queryset=Party.objects.select_related("organisation")
                    .prefetch_related(Prefetch("signatories", queryset=signatories))
                    .order_by("sort_order", "pk"),
                ),
                "texts__document",
            ),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        protocol = self.object
        can_change = self.user_has_permission("change")
        context.update(
            protocol=protocol,
            can_change=can_change,
            is_draft=protocol.status == Protocol.Status.DRAFT,
            is_open=protocol.status == Protocol.Status.OPEN,
            certified=protocol.status in protocols.CERTIFIED_STATUSES,
            opening_problems=protocols.opening_problems(protocol)
            if protocol.status == Protocol.Status.DRAFT
            else [],
            transitions=[
                {"status": status, "label": TRANSITION_LABELS[status], "dated": status in DATED}
                for status in protocols.allowed_transitions(protocol)
            ]
            if can_change
            else [],
            today=timezone.localdate(),
            languages=settings.LANGUAGES,
        )
        return context


# ---------------------------------------------------------------- Views of our own


class ProtocolMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A view about one protocol, for those who may change protocols."""

    model = Protocol
    permission_required = "change"
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.protocol = get_object_or_404(Protocol, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.protocol)

    def get_header_title(self):
        return f"{self.get_page_title()}: {self.protocol.reference}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": admin_url("index"), "label": Protocol._meta.verbose_name_plural.capitalize()},
            {"url": admin_url("inspect", self.protocol.pk), "label": self.protocol.reference},
            {"url": "", "label": self.get_page_title()},
        ]

    def back(self):
        return redirect(admin_url("inspect", self.protocol.pk))


class ProtocolFormView(ProtocolMixin, FormView):
    """A form whose valid data is handed to `perform`; a ProtocolError shows on the form."""

    template_name = "stakeholders/protocols/admin/form.html"
    submit_label = _("Save")
    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "protocol": self.protocol}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_label=self.submit_label, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form)
        except protocols.ProtocolError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return self.back()

    def perform(self, form):
        raise NotImplementedError


class AddTextView(ProtocolFormView):
    form_class = TextForm
    page_title = _("Add a text")
    submit_label = _("Add the text")
    success_message = _("Text added.")

    def perform(self, form):
        language = form.cleaned_data["language"]
        with transaction.atomic():
            document = stored_document(
                form.cleaned_data["file"],
                title=f"{self.protocol.reference} ({language})",
                language=language,
                kind=Document.Kind.LEGAL_TEXT,
                user=self.request.user,
            )
            protocols.add_text(
                self.protocol, language=language, document=document, actor=self.request.user
            )


class AddPartyView(ProtocolFormView):
    form_class = PartyForm
    page_title = _("Add a party")
    submit_label = _("Add the party")
    success_message = _("Party added.")

    def perform(self, form):
        protocols.add_party(self.protocol, **form.cleaned_data, actor=self.request.user)


class AddSignatoryView(ProtocolFormView):
    form_class = SignatoryForm
    page_title = _("Designate a signatory")
    submit_label = _("Designate")
    success_message = _("Signatory designated.")

    def perform(self, form):
        data = form.cleaned_data
        protocols.add_signatory(
            data["party"], person=data["person"], title=data["title"], actor=self.request.user
        )


class WetInkView(ProtocolFormView):
    form_class = WetInkForm
    page_title = _("Record a wet-ink signature")
    submit_label = _("Record the signature")
    success_message = _("Signature recorded.")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.signatory = get_object_or_404(
            Signatory.objects.select_related("person", "party__organisation"),
            pk=kwargs["signatory"],
            party__protocol=self.protocol,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(signatory=self.signatory, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        document = None
        try:
            with transaction.atomic():
                document = stored_document(
                    data["scan"],
                    title=f"{self.protocol.reference} — {self.signatory.person}",
                    language=data["language"],
                    kind=Document.Kind.OTHER,
                    user=self.request.user,
                )
                signing.record_wet_ink(
                    self.signatory,
                    recorded_by=self.request.user,
                    signed_at=data["signed_at"],
                    place=data["place"],
                    language=data["language"],
                    scan=document,
                )
        except protocols.ProtocolError:
            if document is not None:  # its row was rolled back; its file was not
                with contextlib.suppress(OSError):
                    document.file.storage.delete(document.file.name)
            raise


class RemoveView(ProtocolMixin, View):
    """POST: removes a text, a party or a signatory of a draft protocol."""

    http_method_names = ["post"]
    what = None

    def post(self, request, pk, item):
        model, remove = {
            "text": (self.protocol.texts, protocols.remove_text),
            "party": (self.protocol.parties, protocols.remove_party),
            "signatory": (
                Signatory.objects.filter(party__protocol=self.protocol),
                protocols.remove_signatory,
            ),
        }[self.what]
        instance = get_object_or_404(model.all(), pk=item)
        try:
            remove(instance, actor=request.user)
        except protocols.ProtocolError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Removed."))
        return self.back()


class TransitionView(ProtocolMixin, View):
    """POST: moves the protocol to another status, through protocols.transition."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("This change of status was not understood."))
            return self.back()
        data = form.cleaned_data
        try:
            protocols.transition(
                self.protocol, data["status"], actor=request.user, on=data["on"], note=data["note"]
            )
        except protocols.ProtocolError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The protocol is now “%(status)s”.")
                % {"status": Protocol.Status(data["status"]).label},
            )
        return self.back()


class AuditLogView(ProtocolMixin, TemplateView):
    """The protocol's audit log, its chain recomputed: OK, or the first row that is not."""

    permission_required = None
    any_permission_required = ["add", "change", "view"]
    template_name = "stakeholders/protocols/admin/audit_log.html"
    page_title = _("Audit log")

    def get_context_data(self, **kwargs):
        report = protocols.verify_chain(self.protocol)
        events = list(
            ProtocolEvent.objects.filter(protocol=self.protocol)
            .select_related("actor")
            .order_by("pk")
        )
        labels = dict(protocols.Action.choices)
        for event in events:
            event.label = labels.get(event.action, event.action)
            event.data_json = json.dumps(event.data, ensure_ascii=False, sort_keys=True)
            event.is_broken = report.broken is not None and event.pk == report.broken.pk
        return super().get_context_data(
            protocol=self.protocol, report=report, events=events, **kwargs
        )


class AllChainsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every protocol's chain recomputed."""

    model = Protocol
    any_permission_required = ["add", "change", "view"]
    template_name = "stakeholders/protocols/admin/audit_all.html"
    page_title = _("Verify every audit log")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=protocols.verify_all_chains(), **kwargs)


class CertificateView(ProtocolMixin, View):
    permission_required = None
    any_permission_required = ["add", "change", "view"]

    def get(self, request, pk, language):
        if language not in dict(settings.LANGUAGES):
            raise Http404
        try:
            return signing.certificate_response(self.protocol, language=language, request=request)
        except signing.SigningError as error:
            messages.error(request, " ".join(error.messages))
            return self.back()


# ---------------------------------------------------------------- The viewset


class ProtocolViewSet(ModelViewSet):
    model = Protocol
    icon = "doc-full"
    menu_label = _("Protocols")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = ProtocolIndexView
    add_view_class = ProtocolCreateView
    edit_view_class = ProtocolEditView
    inspect_view_class = ProtocolInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_template_name = "stakeholders/protocols/admin/inspect.html"
    list_display = [
        "reference",
        "title",
        "kind",
        "status",
        "signed_on",
        Column(
            "parties",
            label=_("Parties"),
            accessor=lambda protocol: ", ".join(
                party.organisation.acronym or party.organisation.name
                for party in protocol.parties.all()
            ),
        ),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "title_fr", "title_ar", "title_en"]
    ordering = ["-created_at"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("reference"),
            FieldPanel("kind"),
            MultiFieldPanel(
                [FieldPanel("title_fr"), FieldPanel("title_ar"), FieldPanel("title_en")],
                heading=_("Title"),
            ),
            MultiFieldPanel(
                [FieldPanel("summary_fr"), FieldPanel("summary_ar"), FieldPanel("summary_en")],
                heading=_("Summary"),
            ),
            FieldPanel("entry_into_force"),
            FieldPanel("expiry"),
            FieldPanel("signing_ceremony"),
        ],
        base_form_class=ProtocolAdminForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # No delete: the audit log keeps a protocol, and it keeps its log.
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "delete"]
        own = {
            "text_add": ("<int:pk>/texts/add/", AddTextView),
            "party_add": ("<int:pk>/parties/add/", AddPartyView),
            "signatory_add": ("<int:pk>/signatories/add/", AddSignatoryView),
            "wet_ink": ("<int:pk>/signatories/<int:signatory>/wet-ink/", WetInkView),
            "transition": ("<int:pk>/transition/", TransitionView),
            "audit_log": ("<int:pk>/audit-log/", AuditLogView),
            "audit_all": ("audit-logs/", AllChainsView),
            "certificate": ("<int:pk>/certificate/<str:language>/", CertificateView),
        }
        patterns += [path(route, view.as_view(), name=name) for name, (route, view) in own.items()]
        patterns += [
            path(f"<int:pk>/{what}/<int:item>/remove/", RemoveView.as_view(what=what), name=name)
            for what, name in (
                ("text", "text_remove"),
                ("party", "party_remove"),
                ("signatory", "signatory_remove"),
            )
        ]
        return patterns


class WorkingGroupViewSet(ModelViewSet):
    """The working groups protocols create: their names and mandates in the three languages."""

    model = WorkingGroup
    icon = "group"
    menu_label = _("Working groups")
    menu_order = 311
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = [
        "protocol",
        *[f"{name}_{code}" for name in ("name", "mandate") for code in ("fr", "ar", "en")],
        "meetings",
    ]
    list_display = ["name", "protocol"]
    search_fields = ["name_fr", "name_ar", "name_en"]
    list_per_page = 50

    def get_queryset(self, request):
        return WorkingGroup.objects.select_related("protocol")


class WorkingGroupMemberViewSet(ModelViewSet):
    model = WorkingGroupMember
    icon = "user"
    menu_label = _("Working group members")
    menu_order = 312
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["group", "person", "organisation", "role"]
    list_display = ["person", "group", "organisation", "role"]
    list_filter = ["group"]
    list_per_page = 50

    def get_queryset(self, request):
        return WorkingGroupMember.objects.select_related("person", "group", "organisation")


viewsets = [
    ProtocolViewSet(NAMESPACE),
    WorkingGroupViewSet("working_groups"),
    WorkingGroupMemberViewSet("working_group_members"),
]
