from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # allauth has already honoured a safe ?next=. An unprefixed "/" would pick the language
        # from Accept-Language, not the one the user is reading in.
        return reverse("wagtail_serve", args=[""])
