from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def login_through_allauth(request):
    """Replaces the Wagtail admin login form: any method lands on allauth's login."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        url = f"{url}?{urlencode({'next': next_url})}"
    return redirect(url)
