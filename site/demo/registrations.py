"""Registration settings and participants for the demo workshops. Their words and figures are in
data/registrations.json.

The upcoming Tunisian restitution workshop takes registrations openly, with constituency quotas
and a question of its own; the sub-regional workshop needs staff approval and offers visa
letters; the Mauritanian one is by invitation. A past Tunisian workshop gets participants who
came on its day, so that the staff's lists and the balance report have something to show; as it
gives visa letters (workshops.json), one of them, from Mauritania, asked for one.
Participants are demo people with made-up names and @example.org addresses, and no account;
their constituencies follow the mix a tripartite workshop usually has.

Settings are applied to a workshop whose registration is still closed with no capacity, and
participants to a workshop without any: a second run changes nothing.
"""

import itertools
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from events.models import (
    Attendance,
    EventPage,
    Registration,
    RegistrationQuestion,
    RegistrationQuota,
)
from stakeholders.models import Organisation

from .common import data

Mode = EventPage.RegistrationMode

# `settings`: by workshop's French slug, its fields, [constituency, seats] quotas and questions.
# `participants`: [workshop's French slug, how many registered, how many came].
# `invitation_letter`: the participant (by number) who asks for a visa letter where there are any.
REGISTRATIONS = data("registrations")


@transaction.atomic
def load():
    """Applies the settings and adds the participants that are missing; returns a count."""
    count = 0
    for slug, settings in REGISTRATIONS["settings"].items():
        event = EventPage.objects.filter(slug_fr=slug).first()
        if event is not None and _still_default(event):
            _apply(event, settings)
            count += 1
    for slug, registered, came in REGISTRATIONS["participants"]:
        event = EventPage.objects.filter(slug_fr=slug).first()
        if event is not None and not event.registrations.exists():
            _participants(event, registered, came)
            count += registered
    return count


def _still_default(event):
    return event.registration_mode == Mode.CLOSED and event.capacity is None


def _apply(event, settings):
    settings = dict(settings)
    quotas = settings.pop("quotas", [])
    questions = settings.pop("questions", [])
    for field, value in settings.items():
        setattr(event, field, value)
    for constituency, seats in quotas:
        event.registration_quotas.add(RegistrationQuota(constituency=constituency, seats=seats))
    for spec in questions:
        question = RegistrationQuestion(kind=spec["kind"], required=spec["required"])
        for language, label in spec["label"].items():
            setattr(question, f"label_{language}", label)
            setattr(question, f"choices_{language}", spec["choices"][language])
        question.label, question.choices = spec["label"]["fr"], spec["choices"]["fr"]
        event.registration_questions.add(question)
    event.save_revision().publish()


def _participants(event, registered, came):
    organisations = _organisations_by_constituency(event.country)
    names = itertools.islice(
        itertools.product(REGISTRATIONS["last_names"], REGISTRATIONS["first_names"]), registered
    )
    mix = REGISTRATIONS["constituency_mix"]
    letter = REGISTRATIONS["invitation_letter"]
    registrations = []
    for number, ((last, last_ar), (first, first_ar, gender)) in enumerate(names):
        asks_letter = event.invitation_letters_enabled and number == letter["participant"]
        constituency = mix[number % len(mix)]
        organisation = organisations.get(constituency)
        language = ("fr", "ar", "fr", "en")[number % 4]
        registrations.append(
            Registration(
                event=event,
                first_name=first,
                last_name=last,
                first_name_ar=first_ar,
                last_name_ar=last_ar,
                email=f"participant{number + 1}.{event.pk}@example.org",
                organisation=organisation,
                proposed_organisation=""
                if organisation
                else REGISTRATIONS["proposed_organisation"],
                constituency=constituency,
                position=REGISTRATIONS["positions"][language],
                gender=gender,
                country=event.country
                if len(event.country) == 2 and event.country != "XM"
                else "TN",
                nationality=letter["nationality"] if asks_letter else "TN",
                passport_number=letter["passport_number"] if asks_letter else "",
                wants_invitation_letter=asks_letter,
                preferred_language=language,
                accepts_privacy_notice=True,
                consents_to_listing=number % 3 != 0,
                status=Registration.Status.CONFIRMED,
                status_changed_at=timezone.now(),
            )
        )
    Registration.objects.bulk_create(registrations)
    checked_in_at = datetime.combine(event.start_date, time(8, 45), event.zone)
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=event.start_date, checked_in_at=checked_in_at)
        for registration in event.registrations.order_by("pk")[:came]
    )


def _organisations_by_constituency(country):
    """One demo organisation of each constituency, the workshop's country's first."""
    found = {}
    for place in (country, ""):
        for organisation in Organisation.objects.filter(country=place).order_by("name"):
            found.setdefault(organisation.constituency, organisation)
    return found
