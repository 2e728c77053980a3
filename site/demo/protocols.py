"""The demo protocol: the seed's "Signature du protocole d'accord sur la création du groupe de
travail sur les statistiques de la migration en Tunisie", signed and in force. Its words are in
data/protocols.json.

Its parties are the registry demo's ILO, INS and Ministry of Employment (registry.py), found by
French acronym or name, or created here with the least data if that part has not run. Its
signatories are fictional placeholders named after their role ("Demo Signatory INS"), never
real people. The demo admin records their signatures as wet-ink ones, with a placeholder scan,
so the demo needs no TOTP; everything goes through stakeholders' protocols.py and signing.py, so
the audit log is complete. The protocol is found by its reference: running `load()` again creates
nothing. The signing ceremony page is left empty; an editor picks it in the admin.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from documents.models import Document
from stakeholders import protocols, signing
from stakeholders.models import Affiliation, Organisation, Person, Protocol, WorkingGroup

from .common import DEMO_ADMIN, data, ensure_demo_admin, translated

REFERENCE = "AMEM-TN-PA-01"
SIGNED_DAYS_AGO = 45

TEXT = data("protocols")


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
            **translated(**TEXT["protocol"]),
        )
        parties = [(spec, _organisation(spec)) for spec in TEXT["parties"]]
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
                place=TEXT["place"],
                language="fr",
                scan=scan,
            )
        protocol.refresh_from_db()
        protocols.transition(protocol, Protocol.Status.IN_FORCE, actor=admin, on=protocol.signed_on)
    return 1


def _organisation(spec):
    """The registry demo's organisation (by French acronym, or by French name where it has
    none), else a minimal one from the party's `defaults`."""
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
    """`spec["signatory"]`: [Latin last name, Arabic first name, Arabic last name]."""
    last_name, first_name_ar, last_name_ar = spec["signatory"]
    person, _created = Person.objects.get_or_create(
        first_name=TEXT["signatory_first_name"],
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
    group = WorkingGroup.objects.create(protocol=protocol, **translated(**TEXT["working_group"]))
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
    """The protocol's French text: its articles, [title, text] each, and its parties."""
    document = TEXT["text_document"]
    return _pdf_document(
        "demo/protocol_text.html",
        {
            "kicker": document["kicker"],
            "heading": TEXT["protocol"]["title"]["fr"],
            "reference": REFERENCE,
            "articles": [{"title": title, "text": body} for title, body in TEXT["articles"]],
            "parties_heading": document["parties_heading"],
            "parties": [organisation.name_fr for _spec, organisation in parties],
        },
        title=f"{REFERENCE} (fr)",
        filename=f"{REFERENCE}-fr.pdf",
        kind=Document.Kind.LEGAL_TEXT,
    )


def _scan_document(protocol, signatories, signed_at):
    scan = TEXT["scan_document"]
    return _pdf_document(
        "demo/protocol_signature_page.html",
        {
            "kicker": scan["kicker"],
            "heading": scan["heading"],
            "reference": REFERENCE,
            "place": f"{TEXT['place']}, {timezone.localtime(signed_at):%d/%m/%Y}",
            "signed": scan["signed"],
            "signatories": [
                {
                    "party": signatory.party.organisation.name_fr,
                    "name": str(signatory.person),
                    "name_ar": signatory.person.name_ar,
                }
                for signatory in signatories
            ],
        },
        title=scan["title"].format(reference=REFERENCE),
        filename=f"{REFERENCE}-signature-page.pdf",
        kind=Document.Kind.OTHER,
    )


def _signed_at():
    day = timezone.localdate() - datetime.timedelta(days=SIGNED_DAYS_AGO)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
