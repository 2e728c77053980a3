"""Every link in every email the site sends leads to a page on the host the site was served from.

The demo is loaded as `make run` loads it, and WAGTAILADMIN_BASE_URL is the test server's
address, as `make run` sets it from its PORT. Each kind of email is sent through what sends it
(a form, an admin action, a daily command); every http(s) address in its text, HTML and calendar
parts is then requested: a 200, or the login page for a link that needs an account, and a 200
once the recipient has logged in. `test_every_kind_of_email_is_covered` lists where the code
builds emails, so that a new kind fails here until it gets its trigger in KINDS.
"""

import ast
import datetime
import html
import re
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import allauth
import pytest
from allauth.account import app_settings as allauth_settings
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from amem.demo.common import DEMO_ADMIN, DEMO_FOCAL_POINT
from documents.models import Document
from events import emails as registration_emails
from events.forms import question_field_name
from events.models import DocumentJob, EventPage, Registration
from events.tasks import send_document_ready
from stakeholders import protocols, recommendations, signing
from stakeholders.models import (
    Organisation,
    Person,
    Protocol,
    ProtocolEvent,
    Recommendation,
    Signatory,
)
from tests.events.conftest import participant_fields
from tests.stakeholders.test_audit import tamper

ROOT = Path(__file__).resolve().parents[2]
APPS = ("documents", "events", "home", "site", "stakeholders")
BASE_URL = "http://testserver"
URL = re.compile(r"https?://[^\s\"'<>]+")
OPEN = "restitution-recommandations-systeme-information-migrations-main-d-oeuvre-tunisie"
APPROVAL = "atelier-sous-regional-donnees-migration-travail-maghreb"
INVITATION = "restitution-etude-legislation-nationale-ratification-c143-mauritanie"

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def demo(demo_loaded, db, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture
def outbox(django_capture_on_commit_callbacks):
    """outbox(action) -> the emails `action` sends, once what it did commits (the tasks run)."""

    def sent(action):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(mail.outbox)

    return sent


def workshop(slug):
    return EventPage.objects.get(slug_fr=slug)


def in_language(language, name, *args, **kwargs):
    with translation.override(language):
        return reverse(name, args=args, kwargs=kwargs)


def only_to(messages, address):
    found = [message for message in messages if address in message.to[0]]
    assert len(found) == 1, [message.to for message in messages]
    return found[0]


def staff(client):
    """The demo's superuser, with the TOTP the admin asks of staff, logged in."""
    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return admin


def register(client, outbox, user, event, language="fr"):
    """`user` fills in the workshop's form in `language`; returns the emails sent."""
    client.force_login(user)
    data = {
        name: ("on" if value is True else value)
        for name, value in participant_fields(preferred_language=language).items()
        if name != "email"
    }
    for question in event.registration_questions.all():
        data[question_field_name(question)] = "0"  # the demo's question: its first choice
    with translation.override(language):
        url = event.url + event.reverse_subpage("register")
    sent = outbox(lambda: client.post(url, data))
    client.logout()
    return sent


def registration_of(user):
    return Registration.objects.get(user=user)


def fill(event):
    """The workshop's seats all taken: the next registration waits."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    EventPage.objects.filter(pk=event.pk).update(capacity=confirmed)


# How each kind of email is sent: trigger(client, outbox, make_user) -> (the email, its
# recipient's account: what a link may need to log in with, None for an address without one).


def confirmed(client, outbox, make_user):
    amina = make_user(email="amina@example.org")
    return only_to(register(client, outbox, amina, workshop(OPEN), "ar"), amina.email), amina


def waitlisted(client, outbox, make_user):
    event = workshop(OPEN)
    fill(event)
    omar = make_user(email="omar@example.org")
    return only_to(register(client, outbox, omar, event, "en"), omar.email), omar


def cancel(client, outbox, user):
    token = registration_of(user).token
    return outbox(lambda: client.post(reverse("events:cancel", args=[token])))


def cancelled(client, outbox, make_user):
    amina = make_user(email="amina@example.org")
    register(client, outbox, amina, workshop(OPEN), "ar")
    return only_to(cancel(client, outbox, amina), amina.email), amina


def promoted(client, outbox, make_user):
    event = workshop(OPEN)
    amina = make_user(email="amina@example.org")
    register(client, outbox, amina, event)
    fill(event)
    omar = make_user(email="omar@example.org")
    register(client, outbox, omar, event, "ar")
    return only_to(cancel(client, outbox, amina), omar.email), omar


def reminder(client, outbox, make_user):
    event = workshop(OPEN)
    amina = make_user(email="amina@example.org")
    register(client, outbox, amina, event, "ar")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    EventPage.objects.filter(pk=event.pk).update(start_date=tomorrow, end_date=tomorrow)
    sent = outbox(lambda: call_command("send_workshop_reminders", stdout=StringIO()))
    return only_to(sent, amina.email), amina


def pending(client, outbox, make_user):
    sara = make_user(email="sara@example.org")
    return only_to(register(client, outbox, sara, workshop(APPROVAL), "ar"), sara.email), sara


def decided(decision):
    def trigger(client, outbox, make_user):
        sara = make_user(email="sara@example.org")
        register(client, outbox, sara, workshop(APPROVAL), "en")
        staff(client)
        url = reverse(decision, args=[registration_of(sara).pk])
        return only_to(outbox(lambda: client.post(url)), sara.email), sara

    return trigger


def invitation(client, outbox, make_user):
    invited = Person.objects.create(
        first_name="Mariem",
        last_name="Invitée",
        email="mariem@example.org",
        consents_to_contact=True,
    )
    staff(client)
    url = reverse("participants:invite") + f"?event={workshop(INVITATION).pk}"
    return only_to(outbox(lambda: client.post(url)), invited.email), None


def participant_message(client, outbox, make_user):
    event = workshop(OPEN)
    amina = make_user(email="amina@example.org")
    register(client, outbox, amina, event)
    staff(client)
    url = reverse("participants:email") + f"?event={event.pk}"
    data = {"subject": "Programme", "message": "Bonjour,\nle programme a changé."}
    return only_to(outbox(lambda: client.post(url, data)), amina.email), amina


def recommendation_reminder(client, outbox, make_user):
    focal_point = get_user_model().objects.get(email=DEMO_FOCAL_POINT[0])
    focal_point.preferred_language = "ar"
    focal_point.save(update_fields=["preferred_language"])
    # The partner space asks its focal points for TOTP first.
    TOTP.activate(focal_point, generate_totp_secret())
    # One of their organisation's recommendations falls due.
    organisation = focal_point.person.affiliations.get(is_focal_point=True).organisation
    due = (
        Recommendation.objects.filter(lead_organisation=organisation)
        .exclude(status__in=recommendations.CLOSED)
        .first()
    )
    Recommendation.objects.filter(pk=due.pk).update(
        target_date=timezone.localdate() + datetime.timedelta(days=10)
    )
    sent = outbox(lambda: call_command("send_recommendation_reminders", stdout=StringIO()))
    return only_to(sent, focal_point.person.email or focal_point.email), focal_point


def protocol_signed(client, outbox, make_user):
    """A new protocol between two demo organisations, signed on paper by both signatories: each
    gets the audit log's head; the one with an account, the certificate's link too."""
    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    account = make_user(email="signataire@example.org", preferred_language="ar")
    people = [
        Person.objects.create(first_name="Amel", last_name="Signataire", user=account),
        Person.objects.create(first_name="Omar", last_name="Signataire", email="omar@example.org"),
    ]
    document = Document.objects.filter(visibility=Document.Visibility.PUBLIC).first()
    protocol = protocols.create_protocol(
        actor=admin, reference="AMEM-LIENS-001", kind=Protocol.Kind.MOU, title="Essai"
    )
    protocols.add_text(protocol, language="fr", document=document, actor=admin)
    for person, organisation in zip(people, Organisation.objects.all()[:2], strict=True):
        party = protocols.add_party(protocol, organisation=organisation, actor=admin)
        protocols.add_signatory(party, person=person, title="Ministre", actor=admin)
    protocols.transition(protocol, Protocol.Status.OPEN, actor=admin)

    def sign():
        for signatory in Signatory.objects.filter(party__protocol=protocol):
            signing.record_wet_ink(
                signatory,
                recorded_by=admin,
                signed_at=timezone.now(),
                place="Tunis",
                language="fr",
                scan=document,
            )

    return only_to(outbox(sign), account.email), account


def audit_log_alert(client, outbox, make_user):
    """A protocol's last audit log entry deleted behind the application's back: the daily check
    emails the staff who may change protocols."""
    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    TOTP.activate(admin, generate_totp_secret())
    last = ProtocolEvent.objects.order_by("pk").last()
    tamper("DELETE FROM stakeholders_protocolevent WHERE id = %s", [last.pk])

    def verify():
        with pytest.raises(CommandError):
            call_command("verify_audit_logs", stdout=StringIO())

    return only_to(outbox(verify), admin.email), admin


def document_ready(client, outbox, make_user):
    """Badges that took the worker long: the staff member who asked for them is told."""
    admin = staff(client)
    event = Registration.objects.filter(status=Registration.Status.CONFIRMED).first().event
    client.get(
        reverse("events_badges", args=[event.pk])
    )  # the suite's backend runs the job at once
    client.logout()
    job = DocumentJob.objects.get(event=event)
    return only_to(outbox(lambda: send_document_ready.enqueue(job.pk)), admin.email), admin


def account_email(template, language, url_name, data, user=None):
    """(kind, trigger) of an allauth email, which the page `url_name` in `language` sends."""

    def trigger(client, outbox, make_user):
        account = make_user(**user) if user else None
        [message] = outbox(lambda: client.post(in_language(language, url_name), data))
        with translation.override(language):
            subject = render_to_string(f"{ALLAUTH}{template}_subject.txt").strip()
        assert message.subject == allauth_settings.EMAIL_SUBJECT_PREFIX + subject
        return message, account

    return ALLAUTH + template, trigger


PASSWORD = "a-Long-enough-passphrase-42"
ALLAUTH = "account/email/"
KINDS = {
    "confirmed": confirmed,
    "waitlisted": waitlisted,
    "pending": pending,
    "promoted": promoted,
    "approved": decided("participants:approve"),
    "rejected": decided("participants:reject"),
    "cancelled": cancelled,
    "reminder": reminder,
    "invitation": invitation,
    "participant message": participant_message,
    "recommendation reminder": recommendation_reminder,
    "protocol signed": protocol_signed,
    "audit log alert": audit_log_alert,
    "document ready": document_ready,
    **dict(
        [
            account_email(
                "email_confirmation_signup",
                "ar",
                "account_signup",
                {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
            ),
            account_email(
                "account_already_exists",
                "fr",
                "account_signup",
                {"email": "known@example.org", "password1": PASSWORD, "password2": PASSWORD},
                user={"email": "known@example.org"},
            ),
            # Logging in with an address not confirmed yet sends a new confirmation link.
            account_email(
                "email_confirmation",
                "en",
                "account_login",
                {"login": "unconfirmed@example.org", "password": PASSWORD},
                user={"email": "unconfirmed@example.org", "verified": False},
            ),
            account_email(
                "password_reset_key",
                "ar",
                "account_reset_password",
                {"email": "known@example.org"},
                user={"email": "known@example.org"},
            ),
            account_email(
                "unknown_account", "en", "account_reset_password", {"email": "nobody@example.org"}
            ),
        ]
    ),
}
# The staff's message to participants is their own text: the site adds no link to it.
WITHOUT_LINKS = {"participant message"}


def expected_subject(kind, message):
    """A registration email's subject, in the email's language; None for the other kinds."""
    if kind not in registration_emails.KINDS:
        return None
    registration = Registration.objects.get(email=message.to[0].rpartition("<")[2][:-1])
    with translation.override(message.extra_headers["Content-Language"]):
        return str(registration_emails.KINDS[kind].subject) % {"workshop": registration.event.title}


def texts(message):
    """The email's text, HTML and calendar parts (a calendar's long lines unfolded)."""
    yield message.body
    for content, _mimetype in getattr(message, "alternatives", ()):
        yield content
    for _name, content, mimetype in message.attachments:
        if mimetype.startswith("text/"):
            content = content.decode() if isinstance(content, bytes) else content
            yield content.replace("\r\n ", "")


def links(message):
    return {
        html.unescape(url).rstrip(".,;)") for text in texts(message) for url in URL.findall(text)
    }


def is_login_page(response):
    return response.wsgi_request.resolver_match.url_name == "account_login"


@pytest.mark.parametrize("kind", KINDS)
def test_every_link_of_the_email_opens_on_the_served_host(client, outbox, make_user, kind):
    message, recipient = KINDS[kind](client, outbox, make_user)
    client.logout()

    subject = expected_subject(kind, message)
    if subject is not None:
        assert message.subject == subject
    found = links(message)
    assert bool(found) == (kind not in WITHOUT_LINKS), found
    for url in sorted(found):
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == BASE_URL, url
        path = urlunsplit(("", "", parts.path, parts.query, ""))
        response = client.get(path, follow=True)
        if is_login_page(response):
            assert recipient is not None, url
            assert parse_qs(urlsplit(response.redirect_chain[-1][0]).query)["next"] == [path]
            client.force_login(recipient)
            response = client.get(path, follow=True)
            client.logout()
        assert response.status_code == 200, url
        assert not is_login_page(response), url


# What sends email: the functions of the apps that build an email, and the kinds each builds.
SENDERS = {
    "events/emails.py:message": set(registration_emails.KINDS),
    "events/staff/tasks.py:send_invitation": {"invitation"},
    "events/staff/tasks.py:send_participant_message": {"participant message"},
    "stakeholders/recommendations.py:reminder_message": {"recommendation reminder"},
    "stakeholders/signing.py:signed_notice_message": {"protocol signed"},
    "events/tasks.py:send_document_ready": {"document ready"},
    "stakeholders/management/commands/verify_audit_logs.py:alert_message": {"audit log alert"},
    "stakeholders/adapters.py:send_account_email": {
        kind for kind in KINDS if kind.startswith(ALLAUTH)
    },
}
EMAIL_CALLS = {
    "EmailMessage",
    "EmailMultiAlternatives",
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
}
# allauth's emails these settings never send: notifications of account changes
# (ACCOUNT_EMAIL_NOTIFICATIONS), codes instead of links (login and password reset by code).
NOT_SENT = {
    "email_changed",
    "email_confirm",
    "email_deleted",
    "password_changed",
    "password_set",
    "password_reset",
    "login_code",
    "password_reset_code",
}


def email_builders():
    """Each "path:function" of the apps where an email is built or sent."""
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for call in ast.walk(function):
                    if isinstance(call, ast.Call) and called_name(call) in EMAIL_CALLS:
                        found.add(f"{path.relative_to(ROOT)}:{function.name}")
    return found


def called_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def allauth_emails():
    """The allauth account emails these settings may send, by template prefix."""
    folder = Path(allauth.__file__).parent / "templates" / "account" / "email"
    names = {path.name.removesuffix("_subject.txt") for path in folder.glob("*_subject.txt")}
    return {ALLAUTH + name for name in names - NOT_SENT}


def test_every_kind_of_email_is_covered(settings):
    assert not allauth_settings.EMAIL_NOTIFICATIONS
    assert not allauth_settings.LOGIN_BY_CODE_ENABLED
    assert not allauth_settings.PASSWORD_RESET_BY_CODE_ENABLED
    assert not getattr(settings, "ADMINS", None)  # Django's error emails go nowhere

    assert email_builders() == set(SENDERS)
    assert set().union(*SENDERS.values()) == set(KINDS)
    assert SENDERS["stakeholders/adapters.py:send_account_email"] == allauth_emails()
