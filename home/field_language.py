"""Inputs of translated fields say which language they hold: `lang`, and `dir` from it.

modeltranslation gives a translated field one input per language (`title_fr`, `title_ar`,
`title_en`); without `dir`, Arabic typed into `title_ar` runs left to right. Every form renders
its fields through the bound field class of the project's form renderer (FORM_RENDERER), so this
one class marks the inputs of every model form: the Wagtail admin's pages, snippets, viewsets and
inline panels, and the site's own forms. StreamField blocks are drawn in the browser:
home/static/home/admin/field_language.js marks theirs (home/wagtail_hooks.py).
"""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.forms import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from modeltranslation.fields import TranslationField
from wagtail.admin.rich_text import DraftailRichTextArea


def direction(language):
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


class LanguageBoundField(BoundField):
    """A form field that edits one language of a translated model field."""

    @cached_property
    def language(self):
        """That language ("ar" for `title_ar`), or None for any other field."""
        model = getattr(getattr(self.form, "_meta", None), "model", None)
        try:
            field = model._meta.get_field(self.name) if model else None
        except FieldDoesNotExist:
            return None
        # A chooser (a translated foreign key) has no text typed into it.
        if isinstance(field, TranslationField) and not field.is_relation:
            return field.language
        return None

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.language:
            return {"lang": self.language, "dir": direction(self.language), **attrs}
        return attrs

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if self.language and isinstance(widget, DraftailRichTextArea):
            # Draftail draws its editor beside its hidden input; the editor's blocks follow this.
            widget = copy.copy(widget)
            text_direction = direction(self.language).upper()
            widget.options = {**widget.options, "textDirectionality": text_direction}
        return super().as_widget(widget, attrs, only_initial)


class FormRenderer(DjangoTemplates):
    bound_field_class = LanguageBoundField
