from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """The four countries of the project, in the order the project names them."""

    LIBYA = "LY", _("Libya")
    MOROCCO = "MA", _("Morocco")
    MAURITANIA = "MR", _("Mauritania")
    TUNISIA = "TN", _("Tunisia")
