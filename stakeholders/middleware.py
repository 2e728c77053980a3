from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import access

ADMIN_PREFIXES = ("/admin/",)
# stakeholders/urls.py: the partner space (/fr/espace-partenaires/…) and protocol signing
# (/fr/protocoles/…), in every language: recognised by namespace, whatever their translated path.
PARTNER_NAMESPACE = "stakeholders"


class StaffMFAMiddleware:
    """Sends whoever must have TOTP and has none to set it up, with a message saying why.

    - Staff (and anyone who may open the Wagtail admin), on the way to the admin.
    - Focal points and signatories (a current affiliation with either flag), on the way to the
      partner space or protocol signing: the views of stakeholders/urls.py, recognised by their
      URL namespace once resolved, so that a public page whose slug happens to be "protocols" is
      not caught. allauth's own pages (/accounts/…, its 2FA setup) are outside both.

    One setting, AMEM_STAFF_MFA_REQUIRED, turns both rules on (production, tests) or off (dev).
    Each rule costs one query, and only on its own URLs. allauth then asks for the code at every
    login, so a stolen password alone opens neither an admin nor an organisation's data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._staff_must_set_up_totp(request):
            messages.warning(
                request,
                _("Staff accounts must use two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self._partner_must_set_up_totp(request):
            messages.warning(
                request,
                _(
                    "Focal points and signatories must use two-factor authentication. "
                    "Set it up to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return None

    @staticmethod
    def _staff_must_set_up_totp(request):
        if not settings.AMEM_STAFF_MFA_REQUIRED or not request.path.startswith(ADMIN_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        if not (user.is_staff or user.has_perm("wagtailadmin.access_admin")):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    @staticmethod
    def _partner_must_set_up_totp(request):
        if not settings.AMEM_STAFF_MFA_REQUIRED:
            return False
        match = request.resolver_match
        if match is None or match.namespaces[:1] != [PARTNER_NAMESPACE]:
            return False
        return access.must_set_up_totp(request.user)
