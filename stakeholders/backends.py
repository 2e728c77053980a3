"""An authentication backend that only answers permissions: the registry decides who is a partner.

Django asks every backend in AUTHENTICATION_BACKENDS for a permission; this one grants
documents' PARTNERS_PERMISSION (documents/models.py) to an active account whose person holds a
current affiliation to an organisation of the registry. The documents app, below the registry,
thus asks `user.has_perm()` and never the registry itself.
"""

from django.contrib.auth.backends import BaseBackend

from documents.models import PARTNERS_PERMISSION

from . import access


class PartnerBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        return perm == PARTNERS_PERMISSION and user_obj.is_active and access.is_partner(user_obj)
