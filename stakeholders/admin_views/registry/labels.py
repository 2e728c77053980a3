"""How the registry's admin names things: from the models' verbose names, already translated."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CONSTITUENCY = gettext_lazy("constituency")


def field_labels(model):
    """{field name: verbose name} of a model's own fields, for table headings."""
    return {field.name: field.verbose_name for field in model._meta.fields}


def add_label(model):
    # Wagtail's own words, already translated: "Add affiliation".
    return capfirst(_("Add %(model_name)s") % {"model_name": model._meta.verbose_name})
