from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class StaffMFAMiddleware:
    """Sends staff without TOTP to set it up before they reach an admin.

    allauth then asks for the code at every login, so a stolen password alone opens no admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_totp(request):
            messages.warning(
                request,
                _("Staff accounts must use two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_totp(request):
        if not settings.AMEM_STAFF_MFA_REQUIRED or not request.path.startswith(ADMIN_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        if not (user.is_staff or user.has_perm("wagtailadmin.access_admin")):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
