"""Fixtures shared by the stakeholders tests: registry factories and admin users with TOTP first."""

import itertools

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission

from stakeholders.models import Affiliation, Organisation, Person

_numbers = itertools.count(1)

REGISTRY_MODELS = ("organisation", "person", "affiliation")
REGISTRY_PERMISSIONS = [
    f"stakeholders.{action}_{model}"
    for model in REGISTRY_MODELS
    for action in ("add", "change", "delete", "view")
]


@pytest.fixture
def make_organisation(db):
    """make_organisation("Ministère…", acronym="MFPE", country="TN", ar=…, en=…, **fields)."""

    def make(name=None, *, acronym="", ar=None, en=None, **fields):
        name = name or f"Organisation {next(_numbers)}"
        return Organisation.objects.create(
            name=name,
            name_fr=name,
            name_ar=ar if ar is not None else f"{name} [ar]",
            name_en=en if en is not None else f"{name} [en]",
            acronym=acronym,
            acronym_fr=acronym,
            kind=fields.pop("kind", Organisation.Kind.MINISTRY),
            country=fields.pop("country", "TN"),
            **fields,
        )

    return make


@pytest.fixture
def make_person(db):
    """make_person("Amel", "Ben Ali", first_name_ar=…, email=…, **fields)."""

    def make(first_name="Amel", last_name=None, **fields):
        last_name = last_name or f"Person {next(_numbers)}"
        return Person.objects.create(first_name=first_name, last_name=last_name, **fields)

    return make


@pytest.fixture
def make_affiliation(make_organisation, make_person):
    def make(person=None, organisation=None, **fields):
        return Affiliation.objects.create(
            person=person or make_person(),
            organisation=organisation or make_organisation(),
            **fields,
        )

    return make


@pytest.fixture
def make_admin_user(make_user):
    """An account that reaches the Wagtail admin (with TOTP) and holds `permissions`."""

    def make(email=None, permissions=(), **fields):
        user = make_user(email=email or f"staff{next(_numbers)}@example.org", **fields)
        codenames = ["wagtailadmin.access_admin", *permissions]
        for codename in codenames:
            app_label, name = codename.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=name)
            )
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


@pytest.fixture
def registry_staff(make_admin_user):
    """Staff who keep the registry: every permission on organisations, people, affiliations."""
    return make_admin_user(email="registry@example.org", permissions=REGISTRY_PERMISSIONS)


@pytest.fixture
def editor(make_admin_user):
    """An editor of the site's pages, without any permission on the registry."""
    return make_admin_user(email="editor@example.org")


@pytest.fixture
def staff_client(client, registry_staff):
    client.force_login(registry_staff)
    return client


# ---------------------------------------------------------------- Protocols


PROTOCOL_PERMISSIONS = [f"stakeholders.{action}_protocol" for action in ("add", "change", "view")]


def totp_code(user):
    """The authenticator app's current code for the user."""
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    secret = decrypt(
        Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    )
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def make_text_document(db):
    """A documents.Document holding `content` (by default a few bytes starting like a PDF)."""
    from django.core.files.base import ContentFile

    from documents.models import Document

    def make(content=None, language="fr", name=None):
        number = next(_numbers)
        content = content or f"%PDF-1.4\n% protocol text {number} ({language})\n".encode()
        document = Document(
            title=f"Text {number}",
            file=ContentFile(content, name=name or f"text-{number}-{language}.pdf"),
            language=language,
            kind=Document.Kind.LEGAL_TEXT,
            visibility=Document.Visibility.STAFF,
        )
        document._set_document_file_metadata()
        document.save()
        return document

    return make


@pytest.fixture
def protocol_staff(make_admin_user):
    """Staff who run protocols: add, change and view them in the admin, which they read in
    English (so that tests read the admin's messages whatever the catalogues hold)."""
    from wagtail.users.models import UserProfile

    user = make_admin_user(email="protocols@example.org", permissions=PROTOCOL_PERMISSIONS)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def make_protocol(make_organisation, make_person, make_text_document):
    """make_protocol(signatories=2, status="open", languages=("fr", "ar")): a protocol with one
    party (and one signatory, with names in both scripts) per signatory; signed protocols are
    signed by wet-ink records. `people` names the signatories' Person instances."""
    import datetime

    from django.utils import timezone

    from stakeholders import protocols, signing
    from stakeholders.models import Protocol

    Status = Protocol.Status

    def make(*, signatories=1, status=Status.DRAFT, languages=("fr",), people=(), actor=None):
        number = next(_numbers)
        protocol = protocols.create_protocol(
            actor=actor,
            reference=f"AMEM-TEST-{number:03}",
            kind=Protocol.Kind.MOU,
            title=f"Protocole d'essai {number}",
            title_fr=f"Protocole d'essai {number}",
            title_ar=f"مذكرة تفاهم تجريبية {number}",
            title_en=f"Test protocol {number}",
            summary_fr="Résumé du protocole.",
            summary_ar="ملخص المذكرة.",
            summary_en="Summary of the protocol.",
        )
        for language in languages:
            document = make_text_document(language=language)
            protocols.add_text(protocol, language=language, document=document, actor=actor)
        people = list(people)
        for index in range(signatories):
            organisation = make_organisation(f"Organisation signataire {number}.{index}")
            party = protocols.add_party(protocol, organisation=organisation, actor=actor)
            person = (
                people[index]
                if index < len(people)
                else make_person(
                    "Signataire",
                    f"Essai {number}.{index}",
                    first_name_ar="الموقع",
                    last_name_ar=ARABIC_ORDINALS[index % len(ARABIC_ORDINALS)],
                )
            )
            protocols.add_signatory(party, person=person, title="Ministre", actor=actor)
        if status == Status.DRAFT:
            return protocol
        protocols.transition(protocol, Status.OPEN, actor=actor)
        if status == Status.OPEN:
            return protocol
        signed_at = timezone.now() - datetime.timedelta(days=3)
        for signatory in protocol_signatories(protocol):
            signing.record_wet_ink(
                signatory,
                recorded_by=actor,
                signed_at=signed_at,
                place="Tunis",
                language=languages[0],
                scan=make_text_document(),
            )
        protocol.refresh_from_db()
        if status in (Status.IN_FORCE, Status.EXPIRED, Status.TERMINATED):
            protocols.transition(protocol, Status.IN_FORCE, actor=actor)
        if status in (Status.EXPIRED, Status.TERMINATED):
            protocols.transition(protocol, status, actor=actor)
        protocol.refresh_from_db()
        return protocol

    return make


# Arabic family names in words only, so that a PDF's text can be checked in logical order.
ARABIC_ORDINALS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"]


def protocol_signatories(protocol):
    from stakeholders.models import Signatory

    return list(
        Signatory.objects.filter(party__protocol=protocol)
        .select_related("person", "party__protocol", "party__organisation")
        .order_by("pk")
    )


@pytest.fixture
def make_signatory_user(make_user):
    """make_signatory_user(signatory, totp=True): the signatory's person gets an account."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def make(signatory, *, totp=True, email=None):
        user = make_user(email=email or f"signatory{next(_numbers)}@example.org")
        if totp:
            TOTP.activate(user, generate_totp_secret())
        person = signatory.person
        person.user = user
        person.save(update_fields=["user"])
        return user

    return make


# ---------------------------------------------------------------- Partner space and directory


@pytest.fixture
def make_focal_point(make_user, make_person, make_affiliation):
    """make_focal_point(organisation, totp=True, signatory=False, focal_point=True, until=None):
    an account whose person holds a current affiliation with `organisation`, flagged as asked."""

    def make(organisation, *, totp=True, email=None, focal_point=True, signatory=False, **fields):
        user = make_user(email=email or f"focal{next(_numbers)}@example.org")
        if totp:
            TOTP.activate(user, generate_totp_secret())
        person = make_person(
            fields.pop("first_name", "Amel"),
            fields.pop("last_name", None),
            user=user,
            first_name_ar=fields.pop("first_name_ar", "أمل"),
            email=user.email,
        )
        make_affiliation(
            person=person,
            organisation=organisation,
            position=fields.pop("position", "Point focal"),
            is_focal_point=focal_point,
            is_signatory=signatory,
            **fields,
        )
        return user

    return make


@pytest.fixture
def directory_page(db):
    """The partners directory under a home page: /fr/annuaire/, /ar/الدليل/, /en/directory/."""
    from wagtail.models import Page, Site

    from home.models import HomePage
    from stakeholders.models import PartnersDirectoryPage

    def text(name, fr, ar, en):
        return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}

    root = Page.get_first_root_node()
    home = HomePage(
        **text("title", "Accueil", "الرئيسية", "Home"),
        **text("slug", "accueil", "الرئيسية", "home"),
        **text("hero_title", "Migration équitable", "الهجرة العادلة", "Fair migration"),
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    page = PartnersDirectoryPage(
        **text("title", "Annuaire", "الدليل", "Directory"),
        **text("slug", "annuaire", "الدليل", "directory"),
        **text("introduction", "Les partenaires.", "الشركاء.", "The partners."),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
