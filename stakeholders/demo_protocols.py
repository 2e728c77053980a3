"""The demo protocol: the seed's "Signature du protocole d'accord sur la création du groupe de
travail sur les statistiques de la migration en Tunisie", signed and in force.

Its parties are the registry demo's ILO, INS and Ministry of Employment (stakeholders/demo.py),
found by French acronym or name, or created here with the least data if that demo has not run. Its
signatories are fictional placeholders named after their role ("Demo Signatory INS"), never
real people. The demo admin records their signatures as wet-ink ones, with a placeholder scan,
so the demo needs no TOTP; everything goes through protocols.py and signing.py, so the audit
log is complete. The protocol is found by its reference: running `load()` again creates nothing.
The signing ceremony page is left empty (a workshop page of events/, which this app cannot
import); an editor picks it in the admin.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from documents.models import Document
from home.demo import DEMO_ADMIN, ensure_demo_admin, translated

from . import protocols, signing
from .models import Affiliation, Organisation, Person, Protocol, WorkingGroup

REFERENCE = "AMEM-TN-PA-01"
SIGNED_DAYS_AGO = 45
PLACE = "Tunis"

PROTOCOL = {
    "title": {
        "fr": "Protocole d'accord sur la création du groupe de travail sur les statistiques "
        "de la migration en Tunisie",
        "ar": "مذكرة تفاهم حول إحداث فريق العمل المعني بإحصاءات الهجرة في تونس",
        "en": "Memorandum of understanding on the creation of the working group on migration "
        "statistics in Tunisia",
    },
    "summary": {
        "fr": "Les parties créent un groupe de travail chargé d'améliorer la production, "
        "l'harmonisation et le partage des statistiques de la migration de main-d'œuvre "
        "depuis et vers la Tunisie.",
        "ar": "تُحدث الأطراف فريق عمل يُعنى بتحسين إنتاج إحصاءات هجرة اليد العاملة من تونس "
        "وإليها وتنسيقها وتبادلها.",
        "en": "The parties create a working group to improve the production, harmonisation "
        "and sharing of labour migration statistics from and to Tunisia.",
    },
}

WORKING_GROUP = {
    "name": {
        "fr": "Groupe de travail sur les statistiques de la migration en Tunisie",
        "ar": "فريق العمل المعني بإحصاءات الهجرة في تونس",
        "en": "Working group on migration statistics in Tunisia",
    },
    "mandate": {
        "fr": "Recenser les sources de données sur la migration de main-d'œuvre, harmoniser "
        "les concepts et définitions, et proposer un mécanisme de partage des données.",
        "ar": "حصر مصادر البيانات المتعلقة بهجرة اليد العاملة وتوحيد المفاهيم والتعاريف "
        "واقتراح آلية لتبادل البيانات.",
        "en": "List the sources of labour migration data, harmonise concepts and definitions, "
        "and propose a data-sharing mechanism.",
    },
}

# The parties, by French acronym; `defaults` only serve when the registry demo has not run.
PARTIES = [
    {
        "acronym": "OIT",
        "signatory": ("ILO", "ممثل", "منظمة العمل الدولية"),
        "title": "Représentant·e de l'OIT (démo)",
        "defaults": {
            "kind": Organisation.Kind.INTERNATIONAL_ORGANISATION,
            "text": {
                "name": {
                    "fr": "Organisation internationale du Travail",
                    "ar": "منظمة العمل الدولية",
                    "en": "International Labour Organization",
                },
                "acronym": {"fr": "OIT", "ar": "ILO", "en": "ILO"},
            },
        },
    },
    {
        "acronym": "INS",
        "signatory": ("INS", "ممثل", "المعهد الوطني للإحصاء"),
        "title": "Représentant·e de l'INS (démo)",
        "defaults": {
            "kind": Organisation.Kind.STATISTICS_INSTITUTE,
            "country": "TN",
            "text": {
                "name": {
                    "fr": "Institut national de la statistique",
                    "ar": "المعهد الوطني للإحصاء",
                    "en": "National Institute of Statistics",
                },
                "acronym": {"fr": "INS", "ar": "INS", "en": "INS"},
            },
        },
    },
    {
        "acronym": "MFPE",
        "signatory": ("MFPE", "ممثل", "وزارة التشغيل والتكوين المهني"),
        "title": "Représentant·e du MFPE (démo)",
        "defaults": {
            "kind": Organisation.Kind.MINISTRY,
            "country": "TN",
            "text": {
                "name": {
                    "fr": "Ministère de l’Emploi et de la Formation professionnelle",
                    "ar": "وزارة التشغيل والتكوين المهني",
                    "en": "Ministry of Employment and Vocational Training",
                },
                "acronym": {"fr": "MFPE", "ar": "MFPE", "en": "MFPE"},
            },
        },
    },
]

ARTICLES = [
    (
        "Article premier — Objet",
        "Le présent protocole d'accord crée un groupe de travail sur les statistiques de la "
        "migration de main-d'œuvre en Tunisie et en fixe le mandat.",
    ),
    (
        "Article 2 — Composition",
        "Le groupe de travail réunit un·e représentant·e de chacune des parties. Il peut "
        "inviter toute institution dont l'expertise est utile à ses travaux.",
    ),
    (
        "Article 3 — Missions",
        "Le groupe recense les sources de données, harmonise les concepts et définitions et "
        "propose un mécanisme de partage des données entre les institutions concernées.",
    ),
    (
        "Article 4 — Entrée en vigueur",
        "Le présent protocole entre en vigueur à la date de sa signature par toutes les parties.",
    ),
]


@transaction.atomic
def load():
    """Creates the protocol if it is missing; returns how many protocols it created (0 or 1)."""
    if Protocol.objects.filter(reference=REFERENCE).exists():
        return 0
    ensure_demo_admin()
    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    with translation.override("fr"):
        protocol = protocols.create_protocol(
            actor=admin,
            reference=REFERENCE,
            kind=Protocol.Kind.MOU,
            **translated(**PROTOCOL),
        )
        parties = [(spec, _organisation(spec)) for spec in PARTIES]
        _working_group(protocol, parties)
        protocols.add_text(protocol, language="fr", document=_text_document(parties), actor=admin)
        signatories = []
        for spec, organisation in parties:
            party = protocols.add_party(protocol, organisation=organisation, actor=admin)
            person = _signatory_person(spec, organisation)
            signatories.append(
                protocols.add_signatory(party, person=person, title=spec["title"], actor=admin)
            )
        protocols.transition(protocol, Protocol.Status.OPEN, actor=admin)
        signed_at = _signed_at()
        scan = _scan_document(protocol, signatories, signed_at)
        for signatory in signatories:
            signing.record_wet_ink(
                signatory,
                recorded_by=admin,
                signed_at=signed_at,
                place=PLACE,
                language="fr",
                scan=scan,
            )
        protocol.refresh_from_db()
        protocols.transition(protocol, Protocol.Status.IN_FORCE, actor=admin, on=protocol.signed_on)
    return 1


def _organisation(spec):
    """The registry demo's organisation (by French acronym, or by French name where it has
    none), else a minimal one."""
    defaults = spec["defaults"]
    country = defaults.get("country", "")
    name = defaults["text"]["name"]["fr"]
    found = (
        Organisation.objects.filter(
            Q(acronym_fr=spec["acronym"]) | Q(name_fr=name), country=country
        )
        .order_by("pk")
        .first()
    )
    if found is not None:
        return found
    return Organisation.objects.create(
        **translated(**defaults["text"]),
        kind=defaults["kind"],
        country=country,
    )


def _signatory_person(spec, organisation):
    last_name, first_name_ar, last_name_ar = spec["signatory"]
    person, _created = Person.objects.get_or_create(
        first_name="Demo Signatory",
        last_name=last_name,
        defaults={"first_name_ar": first_name_ar, "last_name_ar": last_name_ar},
    )
    Affiliation.objects.get_or_create(
        person=person,
        organisation=organisation,
        position=spec["title"],
        defaults={"is_signatory": True},
    )
    return person


def _working_group(protocol, parties):
    group = WorkingGroup.objects.create(protocol=protocol, **translated(**WORKING_GROUP))
    for spec, organisation in parties:
        person = _signatory_person(spec, organisation)
        group.members.create(person=person, organisation=organisation)


def _pdf_document(template, context, *, title, filename, kind):
    from documents.pdf import render_to_pdf  # WeasyPrint loads slowly: only when needed

    pdf = render_to_pdf(template, context, title=title, language="fr")
    document = Document(
        title=title,
        file=ContentFile(pdf, name=filename),
        language="fr",
        kind=kind,
        visibility=Document.Visibility.STAFF,
    )
    document._set_document_file_metadata()  # noqa: SLF001 - what Wagtail's own upload does
    document.save()
    return document


def _text_document(parties):
    return _pdf_document(
        "stakeholders/pdf/demo_text.html",
        {
            "kicker": "Texte de démonstration",
            "heading": PROTOCOL["title"]["fr"],
            "reference": REFERENCE,
            "articles": [{"title": title, "text": text} for title, text in ARTICLES],
            "parties_heading": "Parties",
            "parties": [organisation.name_fr for _spec, organisation in parties],
        },
        title=f"{REFERENCE} (fr)",
        filename=f"{REFERENCE}-fr.pdf",
        kind=Document.Kind.LEGAL_TEXT,
    )


def _scan_document(protocol, signatories, signed_at):
    return _pdf_document(
        "stakeholders/pdf/demo_signature_page.html",
        {
            "kicker": "Scan de démonstration",
            "heading": "Page de signature",
            "reference": REFERENCE,
            "place": f"{PLACE}, {timezone.localtime(signed_at):%d/%m/%Y}",
            "signed": "[signé]",
            "signatories": [
                {
                    "party": signatory.party.organisation.name_fr,
                    "name": str(signatory.person),
                    "name_ar": signatory.person.name_ar,
                }
                for signatory in signatories
            ],
        },
        title=f"{REFERENCE} — page de signature (scan)",
        filename=f"{REFERENCE}-signature-page.pdf",
        kind=Document.Kind.OTHER,
    )


def _signed_at():
    day = timezone.localdate() - datetime.timedelta(days=SIGNED_DAYS_AGO)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
