from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteFooter(BaseSiteSetting):
    """The footer's words on the project's partners, editable by staff."""

    partners_title = models.CharField(_("partners title"), max_length=255, blank=True)
    partners_text = models.TextField(_("partners text"), blank=True)

    panels = [FieldPanel("partners_title"), FieldPanel("partners_text")]

    class Meta:
        verbose_name = _("site footer")
