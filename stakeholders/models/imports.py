"""An uploaded file waiting, between its preview and its confirmation, for its uploader.

In the database rather than on the app server's disk: behind several app servers, the
confirmation may reach another server than the upload did (stakeholders/imports.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportPreview(models.Model):
    token = models.CharField(_("token"), max_length=43, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="import_previews",
    )
    kind = models.CharField(_("kind"), max_length=30)
    model = models.CharField(_("model"), max_length=100)  # "stakeholders.organisation"
    path = models.CharField(_("address of the import page"), max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("import preview")
        verbose_name_plural = _("import previews")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.filename
