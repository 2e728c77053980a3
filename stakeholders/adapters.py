"""allauth's adapter: where an account lands after logging in, and how its emails are sent.

A participant who logs in, signs up or confirms their address without a `next` lands on their
registrations (a focal point or signatory on the partner space), in the language they were
reading; with a safe `next` (the workshop registration form that sent them to sign up), allauth
returns there, also after the email confirmation when it happens in the same browser session
(allauth keeps `next` in the pending login).

allauth's account emails (address confirmation, password reset…) go through the task worker.

allauth sends them inside the request: with the mail server down, signing up or asking for a new
password failed or hung. The email is rendered in the request, as allauth does, and queued as a
task that sends it with documents/tasks_recovery.py's `send_once`: it waits in the task table while
the mail server is down and goes out once when it is back.

Failed logins are counted per account *and address* (five in five minutes) and per address (fifty
in five minutes: ACCOUNT_RATE_LIMITS["login_failed"]), so that a stranger's failures lock out
only the stranger's address. allauth counts them per account from anywhere: five wrong passwords
typed by anyone would refuse the owner's right one for five minutes. The address is the one the
site's proxies saw (signing.client_address).
"""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_tasks import task

from documents.tasks_recovery import send_once

from . import access, signing


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # allauth has already honoured a safe ?next=. reverse() prefixes the active language (the
        # login page's); Django's default, /accounts/profile/, is no page of this site. A focal
        # point or signatory logs in to act for their organisation: the partner space.
        if access.is_designated(request.user):
            return reverse("stakeholders:partner_space:home")
        return reverse("events:my_registrations")

    def get_signup_redirect_url(self, request):
        # Reached after the email confirmation that logs the new account in, when the signup
        # carried no `next`.
        return reverse("events:my_registrations")

    def get_client_ip(self, request):
        # allauth's per-address limits (failed logins, signups, password resets) and its security
        # emails use the address that AMEM_TRUSTED_PROXIES designates, as signatures record it.
        # With allauth's own ALLAUTH_TRUSTED_PROXY_COUNT left at 0, every visitor behind nginx
        # was nginx, and shared one count.
        address = signing.client_ip(request)
        if address is None:
            raise PermissionDenied("no client address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials):
        # The key of login_failed's per-key limit, counted in pre_authenticate and cleared by a
        # password reset: the account *from this address*. (The MFA code's limit has its own key,
        # per account, reached only with the right password.) allauth's version has no public
        # hook for it; tests/stakeholders/test_login_throttling.py fails if it stops being used.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{signing.client_address(request)}"

    def send_mail(self, template_prefix, email, context):
        context = {
            "request": self.request,
            "email": email,
            "current_site": site(self.request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        # Queued in the request's transaction (the database backend writes its row there): the
        # email exists only if what it announces does.
        send_account_email.enqueue(
            {
                "subject": message.subject,
                "body": message.body,
                "subtype": message.content_subtype,
                "from_email": message.from_email,
                "to": list(message.to),
                "alternatives": [list(alternative) for alternative in message.alternatives],
                "headers": dict(message.extra_headers),
            },
            uuid.uuid4().hex,
        )


def site(request):
    """What allauth's emails call the site ("Hello from AMEM!"), at the address it was reached on.

    django.contrib.sites is not installed (Wagtail has its own sites), so allauth would name the
    site after the request's host.
    """
    current = RequestSite(request)
    current.name = settings.WAGTAIL_SITE_NAME
    return current


@task()
def send_account_email(message, sending, attempt=0):
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        headers=message["headers"],
    )
    email.content_subtype = message["subtype"]  # "html" when allauth found no text body
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    return send_once(
        email,
        f"stakeholders:account-email:{sending}",
        send_account_email,
        message,
        sending,
        attempt=attempt,
    )
