"""Daily: verifies every protocol's audit log against its anchor; alerts the protocol staff.

Each protocol's chain is recomputed and compared with the head kept on the protocol
(stakeholders/protocols.py, `verify_chain`, which the admin's "Verify every audit log" page
uses too). One line per protocol: OK, or the protocol and its first problem. When one fails,
the command emails the staff who may change protocols (the `stakeholders.change_protocol`
permission, superusers included), each in their admin language, and exits with status 1.

`--head REFERENCE:COUNT:HASH` (repeatable) also checks a head a signatory holds, from their
certificate or the email of the signature: it exposes a log rewritten, anchor included, by
someone who held the key.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stakeholders.models import Protocol
from stakeholders.protocols import held_head_problem, verify_all_chains

ALERTED_PERMISSION = "stakeholders.change_protocol"


def alerted_staff():
    """The active accounts that may change protocols, themselves or through a group, and the
    superusers; those with an email address."""
    app_label, codename = ALERTED_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .filter(is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def staff_language(user):
    """The staff member's admin language (Wagtail's profile), else their account's."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (
        (profile.preferred_language if profile else "")
        or user.preferred_language
        or settings.LANGUAGE_CODE
    )


def alert_message(user, failures):
    """The email telling a staff member which audit logs failed verification, and how."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(staff_language(user)):
        context = {
            "failures": [failure() for failure in failures],
            "url": base + reverse("protocols:audit_all"),
        }
        email = EmailMultiAlternatives(
            subject=ngettext(
                "AMEM: the audit log of %(count)s protocol failed verification",
                "AMEM: the audit logs of %(count)s protocols failed verification",
                len(failures),
            )
            % {"count": len(failures)},
            body=render_to_string("stakeholders/protocols/email/audit_alert.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            headers={"Content-Language": translation.get_language()},
        )
    return email


class Command(BaseCommand):
    help = (
        "Verifies every protocol's audit log (its chain of hashes and its anchor); on a "
        "failure, emails the staff who may change protocols and exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            action="append",
            default=[],
            metavar="REFERENCE:COUNT:HASH",
            help="A head a signatory holds (certificate or email), checked against the log.",
        )

    def handle(self, *args, head, **options):
        held = [self.parse_head(value) for value in head]
        # Each failure is kept as a function that describes it, so that each staff member's
        # email describes it in their own language.
        failures = []
        for report in verify_all_chains():
            line = report.describe()
            if report.ok:
                self.stdout.write(line)
            else:
                self.stderr.write(line)
                failures.append(report.describe)
        for protocol, count, digest in held:
            problem = held_head_problem(protocol, count, digest)
            if problem:
                self.stderr.write(f"{protocol.reference}: {problem}")
                failures.append(
                    lambda protocol=protocol, count=count, digest=digest: (
                        f"{protocol.reference}: {held_head_problem(protocol, count, digest)}"
                    )
                )
            else:
                self.stdout.write(
                    _("%(protocol)s: row #%(count)s has the hash the signatories were given.")
                    % {"protocol": protocol.reference, "count": count}
                )
        if not failures:
            return
        messages = [alert_message(user, failures) for user in alerted_staff()]
        try:
            with get_connection() as connection:
                connection.send_messages(messages)
        except OSError as error:  # the failure is still reported, by the exit status
            self.stderr.write(f"The staff could not be emailed: {error}")
        raise CommandError(
            ngettext(
                "%(count)s audit log failed verification.",
                "%(count)s audit logs failed verification.",
                len(failures),
            )
            % {"count": len(failures)}
        )

    def parse_head(self, value):
        parts = value.rsplit(":", 2)
        if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
            raise CommandError(f"--head {value}: expected REFERENCE:COUNT:HASH.")
        reference, count, digest = parts
        protocol = Protocol.objects.filter(reference=reference).first()
        if protocol is None:
            raise CommandError(f"--head {value}: no protocol has the reference {reference}.")
        return protocol, int(count), digest
