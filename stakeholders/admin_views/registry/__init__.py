"""Organisations and people in the Wagtail admin: listings, filters, export, import, merge.

Wagtail's ModelViewSet gives the listings (search, filters, ordering, pagination), the forms, the
inspect views, the history, the CSV/XLSX export and the model permissions. This package adds what
the registry needs on top: formula-safe exports (stakeholders/exports.py), imports with a preview
(stakeholders/imports.py), the merge of duplicate people (stakeholders/merge.py), and an
organisation page whose sections other apps add through the `amem_organisation_panels` hook.

Affiliations have their own viewset: Wagtail's InlinePanel needs a ParentalKey, which the
registry's models do not have; a person's and an organisation's pages link to its add and edit
forms, which come back to the page they were opened from.

One module a concern: `filters`, `listings`, `panels` (an organisation's page, the hook),
`inspecting`, `affiliations`, `importing`, `merging`, `menu` (the viewsets). Import from here.
"""

from .filters import PersonFilterSet, checkboxes
from .labels import field_labels
from .listings import RegistryIndexView
from .menu import RegistryViewSet, RegistryViewSetGroup
from .panels import ORGANISATION_PANELS_HOOK, OrganisationPanel

__all__ = [
    "ORGANISATION_PANELS_HOOK",
    "OrganisationPanel",
    "PersonFilterSet",
    "RegistryIndexView",
    "RegistryViewSet",
    "checkboxes",
    "field_labels",
    "viewsets",
]

viewsets = [RegistryViewSetGroup()]
