"""The admin form of every page of the site: a slug already in use says which page holds it.

Wagtail autosaves a new page as soon as the editor types in it: the page is created as a draft
and the browser moves to its edit view. An editor who then leaves and starts the page again
meets a slug held by that draft. modeltranslation's form (which wraps each page type's
`base_form_class`) only says "This slug is already in use"; this form names the page, its
status and, to whoever may edit it, links to it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

SLUG_FIELDS = {f"slug_{language}": language for language in settings.MODELTRANSLATION_LANGUAGES}


def slug_holder(parent, slug, language, page=None):
    """The child of `parent` (other than `page`) whose slug in `language` is `slug`.

    Read through modeltranslation's fallback, as its own check does: a sibling with no Arabic
    slug holds its French one in Arabic too.
    """
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    with translation.override(language):
        return next((sibling for sibling in siblings if sibling.slug == slug), None)


def slug_in_use(holder, user):
    """What the slug field says of the page holding the slug, as much as `user` may know.

    The title is no secret: Wagtail's explorer lists every child of a page one may add to.
    """
    described = {"title": holder.get_admin_display_title(), "status": holder.status_string}
    if user is not None and holder.permissions_for_user(user).can_edit():
        said = _(
            "The page “%(title)s” (%(status)s) already uses this slug here: choose another "
            "slug, or carry on with that page."
        )
        return format_html(
            '{} <a href="{}">{}</a>',
            said % described,
            reverse("wagtailadmin_pages:edit", args=[holder.pk]),
            _("Edit “%(title)s”") % described,
        )
    refusal = _(
        "The page “%(title)s” (%(status)s) already uses this slug here, and you may not edit "
        "it: choose another slug, or ask an administrator."
    )
    return refusal % described


class BasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modeltranslation checks each slug with its language active: the editor reads theirs.
        self.admin_language = translation.get_language()

    def add_error(self, field, error):
        # The slug checks (modeltranslation's, Wagtail's) add their error here, while the
        # slug is still in cleaned_data: the page holding it replaces their bare message.
        language = SLUG_FIELDS.get(field)
        slug = self.cleaned_data.get(field) if language else None
        holder = slug and slug_holder(self.parent_page, slug, language, self.instance)
        if holder:
            with translation.override(self.admin_language):
                said = slug_in_use(holder, self.for_user)
            error = ValidationError(said, code="slug_in_use")
        super().add_error(field, error)
