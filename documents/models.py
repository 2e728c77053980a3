from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument


class Document(AbstractDocument):
    """A file of the project, with the language it is written in, its kind and who may see it."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        REPORT = "report", _("Report")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        AGENDA = "agenda", _("Agenda")
        PRESS_RELEASE = "press_release", _("Press release")
        PRESENTATION = "presentation", _("Presentation")
        LEGAL_TEXT = "legal_text", _("Legal text")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("Partners only")
        STAFF = "staff", _("Staff only")

    # Wagtail's own Document model stays installed: distinct reverse names avoid the clash.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
    )
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("tags"), related_name="project_documents"
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    admin_form_fields = WagtailDocument.admin_form_fields + ("language", "kind", "visibility")

    def is_visible_to(self, user):
        """Whether `user` may download the file: the one rule behind every way to it (Wagtail's
        serve view through documents/wagtail_hooks.py, the links of pages and workshops).

        Partners only means staff (who may open the admin) and accounts holding the permission
        PARTNERS_PERMISSION: granted to a group by staff, or by stakeholders.backends to any
        account whose person holds a current affiliation to an organisation of the registry.
        Being logged in proves nothing (anyone may sign up with any address), nor does
        registering for a workshop (open to anyone who signs up; the organisation named on the
        form is not checked): a participant is a partner only through an affiliation.
        """
        if self.visibility == self.Visibility.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        staff = user.has_perm("wagtailadmin.access_admin")
        if self.visibility == self.Visibility.PARTNERS:
            return staff or user.has_perm(PARTNERS_PERMISSION)
        return staff

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("download_partners_document", _("Can download partners-only documents"))]


PARTNERS_PERMISSION = "documents.download_partners_document"


class EmailDelivery(models.Model):
    """The claim on one email, named by its key, shared by every worker: "sending" until
    `claimed_until`, then "sent" (documents/tasks_recovery.py's `send_once`). In the database, so
    that a cache restart forgets no email already sent."""

    class State(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    key = models.CharField(_("key"), max_length=255, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")

    def __str__(self):
        return self.key
