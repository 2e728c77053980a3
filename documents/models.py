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
        if self.visibility == self.Visibility.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if self.visibility == self.Visibility.PARTNERS:
            return True
        return user.has_perm("wagtailadmin.access_admin")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
