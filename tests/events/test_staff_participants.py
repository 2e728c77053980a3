"""The participants' admin: who reaches it, what it lists, exports, approves, invites and emails."""

import csv
import datetime
import html
import io
import itertools
import re
from email.utils import parseaddr

import openpyxl
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission

from events import registration as seats
from events.models import Attendance, EventPage, Invitation, Registration
from events.tasks import send_registration_email
from stakeholders.models import Affiliation, Organisation, Person
from tests.events.conftest import participant_fields

pytestmark = pytest.mark.django_db

PARTICIPANTS = "/admin/participants/"
_numbers = itertools.count(1)


def translated(msgid, language="fr", **params):
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


@pytest.fixture
def workshop_staff(make_user):
    """workshop_staff(*pages, permissions=()) -> an admin user with TOTP who may edit `pages`
    (and their children), as an editor of a section of the site is set up in Wagtail."""

    def make(*pages, permissions=(), email=None):
        number = next(_numbers)
        user = make_user(email=email or f"staff{number}@example.org")
        group = Group.objects.create(name=f"Section editors {number}")
        for codename in ["wagtailadmin.access_admin", *permissions]:
            app_label, name = codename.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=name)
            )
        change_page = Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        )
        for page in pages:
            GroupPagePermission.objects.create(group=group, page=page, permission=change_page)
        user.groups.add(group)
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


@pytest.fixture
def workshops(open_workshop, make_registration, workshop_staff):
    """Two workshops with a participant each; staff who run the first, staff who run the second."""

    class Workshops:
        tunis = open_workshop(capacity=10, mode=EventPage.RegistrationMode.APPROVAL)
        rabat = open_workshop(capacity=10)
        amina = make_registration(tunis, first_name="Amina", last_name="Trabelsi")
        omar = make_registration(rabat, first_name="Omar", last_name="Alaoui")
        tunis_staff = workshop_staff(tunis)
        rabat_staff = workshop_staff(rabat)

    return Workshops


def listed(response):
    """The participants' names in the listing's title column."""
    cells = re.findall(r'<div class="title-wrapper">\s*<a[^>]*>(.*?)</a>', response.text, re.S)
    return sorted(html.unescape(" ".join(re.sub(r"<[^>]+>", "", cell).split())) for cell in cells)


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows())
    headings = [cell.value for cell in rows[0]]
    return [dict(zip(headings, row, strict=True)) for row in rows[1:]]


# Who reaches what ------------------------------------------------------------------------------


def staff_urls(registration):
    pk = registration.pk
    return [
        PARTICIPANTS,
        PARTICIPANTS + "?export=csv",
        PARTICIPANTS + "?export=xlsx",
        f"{PARTICIPANTS}inspect/{pk}/",
        f"{PARTICIPANTS}approve/{pk}/",
        f"{PARTICIPANTS}decline/{pk}/",
        PARTICIPANTS + "register/",
        PARTICIPANTS + "email/",
        PARTICIPANTS + f"attendance/?event={registration.event_id}",
        f"/admin/bulk/events/registration/approve/?id={pk}",
        f"/admin/bulk/events/registration/reject/?id={pk}",
    ]


def test_staff_of_a_workshop_see_its_participants_and_no_others(client, workshops):
    client.force_login(workshops.tunis_staff)

    response = client.get(PARTICIPANTS)

    assert response.status_code == 200
    assert listed(response) == ["Amina Trabelsi"]
    assert "Omar" not in response.text
    for url in staff_urls(workshops.amina):
        assert client.get(url).status_code == 200, url
    exported = read_csv(client.get(PARTICIPANTS + "?export=csv"))
    assert [row["last_name"] for row in exported] == ["Trabelsi"]


def test_another_workshops_registration_is_not_found(client, workshops):
    client.force_login(workshops.tunis_staff)
    omar = workshops.omar
    for url in [
        f"{PARTICIPANTS}inspect/{omar.pk}/",
        f"{PARTICIPANTS}approve/{omar.pk}/",
        f"{PARTICIPANTS}decline/{omar.pk}/",
    ]:
        assert client.get(url, follow=True).status_code == 404, url
    assert client.post(f"{PARTICIPANTS}decline/{omar.pk}/", follow=True).status_code == 404
    omar.refresh_from_db()
    assert omar.status == Registration.Status.CONFIRMED
    # Filtering by the other workshop is not a valid choice: the listing shows its own.
    assert listed(client.get(PARTICIPANTS, {"event": omar.event_id})) == ["Amina Trabelsi"]
    assert listed(client.get(PARTICIPANTS, {"q": "Omar"})) == []


def test_editor_of_no_workshop_reaches_no_participant(client, workshops, workshop_staff):
    client.force_login(workshop_staff())  # the admin, and no page to edit

    for url in staff_urls(workshops.amina):
        response = client.get(url, follow=True)
        # Wagtail sends the listing's refusal home; a registration is not found.
        assert response.status_code == 404 or response.redirect_chain == [("/admin/", 302)], url
        assert "Amina" not in response.content.decode(), url
    response = client.post(f"{PARTICIPANTS}approve/{workshops.amina.pk}/", follow=True)
    assert response.status_code == 404
    workshops.amina.refresh_from_db()
    assert workshops.amina.status == Registration.Status.PENDING
    assert translated("Participants") not in client.get("/admin/").text


def test_participant_and_anonymous_visitor_are_sent_to_log_in(client, workshops):
    for user in (None, workshops.amina.user):
        if user:
            client.force_login(user)
        for url in staff_urls(workshops.amina):
            response = client.get(url)
            assert response.status_code == 302, url
            assert "/accounts/login/" in response["Location"], url
        response = client.post(f"{PARTICIPANTS}approve/{workshops.amina.pk}/")
        assert "/accounts/login/" in response["Location"]
    workshops.amina.refresh_from_db()
    assert workshops.amina.status == Registration.Status.PENDING


def test_workshop_pages_link_to_their_participants(client, workshops, workshop_staff):
    tunis, rabat = workshops.tunis, workshops.rabat
    client.force_login(workshops.tunis_staff)

    edit = client.get(f"/admin/pages/{tunis.pk}/edit/").text

    assert f'href="{PARTICIPANTS}?event={tunis.pk}"' in edit
    assert translated("Participants") in client.get("/admin/").text

    # An editor of the workshops' section sees the link on every workshop of the listing.
    client.force_login(workshop_staff(tunis.get_parent()))
    listing = client.get(f"/admin/pages/{tunis.get_parent().pk}/").text
    assert f'href="{PARTICIPANTS}?event={tunis.pk}"' in listing
    assert f'href="{PARTICIPANTS}?event={rabat.pk}"' in listing
    assert listed(client.get(PARTICIPANTS)) == ["Amina Trabelsi", "Omar Alaoui"]


def test_a_workshops_listing_links_to_its_badges_sign_in_sheets_and_balance(client, workshops):
    tunis = workshops.tunis
    client.force_login(workshops.tunis_staff)
    seats.approve(workshops.amina)

    page = client.get(PARTICIPANTS, {"event": tunis.pk}).text
    inspect = client.get(f"{PARTICIPANTS}inspect/{workshops.amina.pk}/").text

    assert f'href="/admin/workshops/{tunis.pk}/badges/"' in page
    for day in tunis.days:
        assert f'href="/admin/workshops/{tunis.pk}/sign-in-sheet/{day.isoformat()}/"' in page
    assert f'href="/admin/reports/workshop-balance/{tunis.pk}/"' in page
    assert f'href="/admin/workshops/{tunis.pk}/badges/?ids={workshops.amina.pk}"' in inspect


# Listing ---------------------------------------------------------------------------------------


@pytest.fixture
def crowd(open_workshop, make_registration, workshop_staff, client):
    """A workshop with people of every kind, and its staff logged in."""
    event = open_workshop(capacity=50)
    ministry = Organisation.objects.create(
        name="Ministère de l'Emploi",
        name_fr="Ministère de l'Emploi",
        name_ar="وزارة التشغيل",
        name_en="Ministry of Employment",
        kind=Organisation.Kind.MINISTRY,
        country="TN",
    )
    people = {
        "amina": make_registration(
            event,
            first_name="Amina",
            last_name="Trabelsi",
            first_name_ar="أمينة",
            last_name_ar="الطرابلسي",
            organisation=ministry,
            proposed_organisation="",
            constituency="government",
            gender="woman",
            country="TN",
        ),
        "karim": make_registration(
            event,
            first_name="Karim",
            last_name="Ould Ahmed",
            constituency="workers",
            gender="man",
            country="MR",
            email="karim@syndicat.example",
        ),
        "sara": make_registration(
            event,
            first_name="Sara",
            last_name="Benali",
            constituency="employers",
            gender="woman",
            country="MA",
            proposed_organisation="Confédération patronale",
        ),
    }
    Attendance.objects.create(registration=people["karim"], day=event.start_date)
    client.force_login(workshop_staff(event))
    return event, people


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"constituency": "workers"}, ["Karim Ould Ahmed"]),
        ({"constituency": ["workers", "employers"]}, ["Karim Ould Ahmed", "Sara Benali"]),
        ({"gender": "woman"}, ["Amina Trabelsi", "Sara Benali"]),
        ({"country": "MA"}, ["Sara Benali"]),
        ({"attended": "true"}, ["Karim Ould Ahmed"]),
        ({"attended": "false"}, ["Amina Trabelsi", "Sara Benali"]),
        ({"status": "confirmed"}, ["Amina Trabelsi", "Karim Ould Ahmed", "Sara Benali"]),
        ({"status": "pending"}, []),
        ({"proposed": "true"}, ["Karim Ould Ahmed", "Sara Benali"]),
        ({"proposed": "false"}, ["Amina Trabelsi"]),
        ({"q": "trabelsi"}, ["Amina Trabelsi"]),
        ({"q": "الطرابلسي"}, ["Amina Trabelsi"]),
        ({"q": "karim@syndicat"}, ["Karim Ould Ahmed"]),
        ({"q": "emploi"}, ["Amina Trabelsi"]),
        ({"q": "employment"}, ["Amina Trabelsi"]),
        ({"q": "patronale"}, ["Sara Benali"]),
        ({"q": "ould ahmed", "country": "MR"}, ["Karim Ould Ahmed"]),
    ],
)
def test_listing_filters_and_search(client, crowd, query, expected):
    event, _people = crowd
    assert listed(client.get(PARTICIPANTS, {"event": event.pk, **query})) == expected


def test_listing_shows_organisation_country_status_and_days_attended(client, crowd):
    event, people = crowd
    page = client.get(PARTICIPANTS).text
    with translation.override("fr"):
        confirmed = str(Registration.Status.CONFIRMED.label)
    assert "Ministère de l&#x27;Emploi" in page or "Ministère de l'Emploi" in page
    assert "Confédération patronale" in page
    assert "Mauritanie" in page
    assert confirmed in page
    assert "أمينة الطرابلسي" in page


def listing_table(response):
    return re.search(r'<table[^>]*class="listing.*?</table>', response.text, re.S).group(0)


def test_a_workshops_listing_has_its_title_as_heading_and_not_on_every_row(client, crowd):
    event, _people = crowd

    response = client.get(PARTICIPANTS, {"event": event.pk})

    heading = re.search(r'<h2[^>]*id="participants-workshop"[^>]*>(.*?)</h2>', response.text)
    assert html.unescape(heading.group(1)) == event.title
    shown = html.unescape(re.sub(r"<[^>]+>", " ", listing_table(response)))
    assert len(listed(response)) == 3
    assert event.title not in shown
    assert translated("workshop").capitalize() not in shown  # nor its column


def test_all_workshops_listing_links_each_row_to_its_workshop(client, workshops, workshop_staff):
    tunis, rabat = workshops.tunis, workshops.rabat
    client.force_login(workshop_staff(tunis, rabat))

    response = client.get(PARTICIPANTS, {"status": ["confirmed", "pending"]})

    assert 'id="participants-workshop"' not in response.text
    links = re.findall(
        r'<a class="participants-workshop" href="([^"]+)" title="([^"]+)">',
        listing_table(response),
    )
    expected = [
        (f"{PARTICIPANTS}?status=confirmed&status=pending&event={event.pk}", event.title)
        for event in (rabat, tunis)  # the newest registration first
    ]
    assert [(html.unescape(url), html.unescape(title)) for url, title in links] == expected
    assert listed(client.get(links[1][0].replace("&amp;", "&"))) == ["Amina Trabelsi"]


def test_a_workshops_exports_keep_the_workshop_column(client, crowd):
    event, _people = crowd
    query = f"?event={event.pk}&export="

    csv_rows = read_csv(client.get(PARTICIPANTS + query + "csv"))
    xlsx_rows = read_xlsx(client.get(PARTICIPANTS + query + "xlsx"))

    assert [row["workshop"] for row in csv_rows] == [event.title] * 3
    assert [row["workshop"].value for row in xlsx_rows] == [event.title] * 3


def test_listing_is_paginated_by_fifty(client, open_workshop, workshop_staff):
    event = open_workshop(capacity=None)
    Registration.objects.bulk_create(
        [
            Registration(event=event, status="confirmed", **participant_fields())
            for _number in range(51)
        ]
    )
    client.force_login(workshop_staff(event))

    assert len(listed(client.get(PARTICIPANTS))) == 50
    assert len(listed(client.get(PARTICIPANTS + "?p=2"))) == 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        PARTICIPANTS,
        PARTICIPANTS + "?event={event}",
        PARTICIPANTS + "?q=ben&constituency=workers&attended=false",
        PARTICIPANTS + "?export=csv",
        PARTICIPANTS + "?export=xlsx",
    ],
)
def test_listing_costs_the_same_queries_for_1_and_30_registrations(
    client, open_workshop, workshop_staff, django_assert_max_num_queries, url
):
    event = open_workshop(capacity=None)
    organisation = Organisation.objects.create(name="Syndicat", name_fr="Syndicat", kind="ministry")

    def add(count):
        Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    status="confirmed",
                    **participant_fields(organisation=organisation, last_name=f"Ben {n}"),
                )
                for n in range(count)
            ]
        )
        for registration in Registration.objects.filter(attendances__isnull=True)[:count]:
            Attendance.objects.create(registration=registration, day=event.start_date)

    add(1)
    client.force_login(workshop_staff(event))
    url = url.format(event=event.pk)
    with_one = count_queries(client, url)
    add(29)

    assert count_queries(client, url) == with_one
    with django_assert_max_num_queries(with_one):
        client.get(url)


# Exports ---------------------------------------------------------------------------------------


def test_exports_escape_a_name_that_looks_like_a_formula(
    client, open_workshop, make_registration, workshop_staff
):
    event = open_workshop()
    make_registration(event, first_name='=HYPERLINK("http://evil")', last_name="Attaquant")
    make_registration(event, first_name="Nadia", last_name="-Normal")
    client.force_login(workshop_staff(event))

    rows = {row["last_name"]: row for row in read_csv(client.get(PARTICIPANTS + "?export=csv"))}
    assert rows["Attaquant"]["first_name"] == '\'=HYPERLINK("http://evil")'
    assert rows["'-Normal"]["first_name"] == "Nadia"
    assert rows["Attaquant"]["workshop"] == event.title
    assert rows["Attaquant"]["status"] == "confirmed"

    cells = {
        row["last_name"].value: row for row in read_xlsx(client.get(PARTICIPANTS + "?export=xlsx"))
    }
    attacker = cells["Attaquant"]["first_name"]
    assert attacker.value == '=HYPERLINK("http://evil")'
    assert attacker.data_type == "s"
    assert attacker.quotePrefix
    assert cells["-Normal"]["last_name"].data_type == "s"


def test_export_follows_the_filters(client, crowd):
    rows = read_csv(client.get(PARTICIPANTS + "?export=csv&constituency=workers"))
    assert [(row["first_name"], row["days_attended"]) for row in rows] == [("Karim", "1")]


# Approve and decline ---------------------------------------------------------------------------


def emails_queued(callbacks):
    return [
        callback
        for callback in callbacks
        if getattr(callback, "func", None) == send_registration_email.enqueue
    ]


def test_approve_confirms_and_emails_after_commit(
    client, workshops, django_capture_on_commit_callbacks
):
    client.force_login(workshops.tunis_staff)
    amina = workshops.amina
    assert amina.status == Registration.Status.PENDING
    url = f"{PARTICIPANTS}approve/{amina.pk}/"
    assert "Amina Trabelsi" in client.get(url).text
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"next": PARTICIPANTS})

    assert response.status_code == 302
    assert response["Location"] == PARTICIPANTS
    amina.refresh_from_db()
    assert amina.status == Registration.Status.CONFIRMED
    # One email, queued once the decision is committed (the page cache's bump runs then too).
    assert len(emails_queued(callbacks)) == 1
    assert [parseaddr(message.to[0])[1] for message in mail.outbox] == [amina.email]
    page = client.get(PARTICIPANTS).text
    assert (
        html.escape(
            translated(
                "The registration of %(name)s is approved: %(status)s.",
                name="Amina Trabelsi",
                status=translated("Confirmed"),
            )
        )
        in page
    )


def test_decline_rejects_and_emails_after_commit(
    client, workshops, django_capture_on_commit_callbacks
):
    client.force_login(workshops.tunis_staff)
    amina = workshops.amina
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"{PARTICIPANTS}decline/{amina.pk}/")

    amina.refresh_from_db()
    assert amina.status == Registration.Status.REJECTED
    # One email, queued once the decision is committed (the page cache's bump runs then too).
    assert len(emails_queued(callbacks)) == 1
    assert [parseaddr(message.to[0])[1] for message in mail.outbox] == [amina.email]


def test_approving_twice_says_why_and_changes_nothing(client, workshops):
    client.force_login(workshops.tunis_staff)
    seats.approve(workshops.amina)

    response = client.post(f"{PARTICIPANTS}approve/{workshops.amina.pk}/", follow=True)

    assert html.escape(translated("Only a pending registration can be approved.")) in (
        response.text
    )


def test_approve_on_a_full_workshop_puts_on_the_waiting_list(
    client, open_workshop, make_registration, workshop_staff
):
    event = open_workshop(capacity=1, mode=EventPage.RegistrationMode.APPROVAL)
    first, second = make_registration(event), make_registration(event)
    client.force_login(workshop_staff(event))

    client.post(f"{PARTICIPANTS}approve/{first.pk}/")
    client.post(f"{PARTICIPANTS}approve/{second.pk}/")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_publishing_more_seats_serves_the_waiting_list(open_workshop, make_registration):
    event = open_workshop(capacity=1)
    make_registration(event)
    waiting = make_registration(event)
    assert waiting.status == Registration.Status.WAITLISTED
    page = EventPage.objects.get(pk=event.pk)
    page.capacity = 2
    # Any publish (from the editor, a schedule or a workflow) sends page_published.
    page.save_revision().publish()

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_bulk_approve_and_decline_take_only_the_users_own_undecided_registrations(
    client, open_workshop, make_registration, workshop_staff, django_capture_on_commit_callbacks
):
    event = open_workshop(capacity=1, mode=EventPage.RegistrationMode.APPROVAL)
    first, second, third = (make_registration(event) for _n in range(3))
    other = make_registration(open_workshop(mode=EventPage.RegistrationMode.APPROVAL))
    client.force_login(workshop_staff(event))
    listing = client.get(PARTICIPANTS).text
    assert "data-bulk-action-checkbox" in listing
    assert "/admin/bulk/events/registration/approve/" in listing
    ids = f"?id={first.pk}&id={second.pk}&id={other.pk}&next={PARTICIPANTS}"
    url = "/admin/bulk/events/registration/approve/" + ids

    page = client.get(url).text
    assert first.full_name in page and second.full_name in page
    assert other.full_name not in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == PARTICIPANTS
    statuses = {r.pk: r.status for r in Registration.objects.all()}
    assert statuses[first.pk] == "confirmed"
    assert statuses[second.pk] == "waitlisted"  # one seat only, given in the listed order
    assert statuses[other.pk] == "pending"
    assert len(mail.outbox) == 2

    decline = f"/admin/bulk/events/registration/reject/?id={second.pk}&id={third.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline)
    assert Registration.objects.get(pk=second.pk).status == "rejected"
    assert Registration.objects.get(pk=third.pk).status == "rejected"
    # Nothing of another workshop's, nothing already decided: not found.
    for action in ("approve", "reject"):
        url = f"/admin/bulk/events/registration/{action}/?id={other.pk}"
        assert client.get(url, follow=True).status_code == 404
        assert client.post(url, follow=True).status_code == 404
    url = f"/admin/bulk/events/registration/approve/?id={first.pk}"
    assert client.get(url, follow=True).status_code == 404
    assert Registration.objects.get(pk=other.pk).status == "pending"


# Registering someone on their behalf -----------------------------------------------------------


def on_behalf_data(event, **overrides):
    data = {
        "event": event.pk,
        "first_name": "Leila",
        "last_name": "Haddad",
        "first_name_ar": "ليلى",
        "last_name_ar": "حداد",
        "email": "leila.haddad@example.org",
        "phone": "",
        "proposed_organisation": "Association des migrants",
        "constituency": "civil_society",
        "position": "Présidente",
        "gender": "woman",
        "country": "TN",
        "nationality": "TN",
        "preferred_language": "ar",
        "interpretation": "",
        "accessibility_needs": "",
        "dietary_needs": "",
    }
    data.update(overrides)
    return data


def test_on_behalf_registration_creates_an_account_without_password(
    client, open_workshop, workshop_staff, django_capture_on_commit_callbacks
):
    event = open_workshop(mode=EventPage.RegistrationMode.INVITATION)
    staff = workshop_staff(event)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PARTICIPANTS + "register/", on_behalf_data(event))

    registration = Registration.objects.get(email="leila.haddad@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"{PARTICIPANTS}inspect/{registration.pk}/"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.registered_by == staff
    account = registration.user
    assert account.email == "leila.haddad@example.org"
    assert not account.has_usable_password()
    assert account.preferred_language == "ar"


def test_on_behalf_registration_uses_the_existing_account_and_the_person(
    client, open_workshop, workshop_staff, make_user
):
    event = open_workshop()
    account = make_user(email="Sami@Example.org")
    person = Person.objects.create(
        first_name="Sami", last_name="Ben Salah", email="sami@example.org"
    )
    ministry = Organisation.objects.create(
        name="Ministère", name_fr="Ministère", kind="ministry", country="TN"
    )
    Affiliation.objects.create(person=person, organisation=ministry, position="Directeur")
    client.force_login(workshop_staff(event))

    form = client.get(PARTICIPANTS + "register/", {"event": event.pk, "person": person.pk}).text
    assert 'value="Ben Salah"' in form
    assert 'value="Directeur"' in form

    client.post(
        PARTICIPANTS + "register/",
        on_behalf_data(
            event,
            person=person.pk,
            email="sami@example.org",
            first_name="Sami",
            last_name="Ben Salah",
            organisation=ministry.pk,
            proposed_organisation="",
        ),
    )

    registration = Registration.objects.get(event=event)
    assert registration.user == account
    assert registration.person == person
    person.refresh_from_db()
    assert person.user == account
    assert get_user_model().objects.count() == 2  # the staff member and Sami


def test_on_behalf_registration_respects_capacity(
    client, open_workshop, make_registration, workshop_staff
):
    event = open_workshop(capacity=1, waitlist_enabled=False)
    make_registration(event)
    client.force_login(workshop_staff(event))

    response = client.post(PARTICIPANTS + "register/", on_behalf_data(event))

    assert response.status_code == 200
    assert html.escape(translated("The workshop is full.")) in response.text
    assert 'value="Leila"' in response.text  # what was typed is kept
    assert Registration.objects.filter(event=event).count() == 1
    assert not get_user_model().objects.filter(email="leila.haddad@example.org").exists()


def test_on_behalf_form_refuses_bad_input_and_another_workshop(client, workshops):
    client.force_login(workshops.tunis_staff)

    response = client.post(
        PARTICIPANTS + "register/",
        on_behalf_data(workshops.rabat, email="not an email", proposed_organisation=""),
    )

    assert response.status_code == 200
    assert 'value="Leila"' in response.text
    assert (
        html.escape(translated("Choose an organisation of the registry or type its name."))
        in response.text
    )
    assert not Registration.objects.filter(first_name="Leila").exists()


# Invitations -----------------------------------------------------------------------------------


@pytest.fixture
def registry():
    """People of the registry: in a Tunisian union, Hédi (twice, by email), Rim, someone without
    email and someone who did not agree to be contacted; in Morocco, Youssef."""
    union = Organisation.objects.create(
        name="UGTT", name_fr="UGTT", kind="workers_organisation", country="TN"
    )
    moroccan = Organisation.objects.create(
        name="Ministère marocain", name_fr="Ministère marocain", kind="ministry", country="MA"
    )
    people = {
        "hedi": Person.objects.create(first_name="Hédi", last_name="Ben Ali", email="hedi@ugtt.tn"),
        "hedi_again": Person.objects.create(
            first_name="Hedi", last_name="Benali", email="HEDI@ugtt.tn"
        ),
        "rim": Person.objects.create(first_name="Rim", last_name="Jaziri", email="rim@ugtt.tn"),
        "no_email": Person.objects.create(first_name="Sans", last_name="Courriel"),
        "youssef": Person.objects.create(
            first_name="Youssef", last_name="Idrissi", email="youssef@gov.ma"
        ),
    }
    people["silent"] = Person.objects.create(
        first_name="Sonia", last_name="Sans consentement", email="sonia@ugtt.tn"
    )
    Person.objects.exclude(pk=people["silent"].pk).update(consents_to_contact=True)
    for name in ("hedi", "hedi_again", "rim", "no_email", "silent"):
        Affiliation.objects.create(person=people[name], organisation=union)
    Affiliation.objects.create(person=people["youssef"], organisation=moroccan)
    return people


def test_bulk_invitations_one_per_email_with_a_link_for_that_email_only(
    client, open_workshop, workshop_staff, registry, make_user, django_capture_on_commit_callbacks
):
    event = open_workshop(mode=EventPage.RegistrationMode.INVITATION, working_languages=["ar"])
    client.force_login(workshop_staff(event, permissions=["stakeholders.view_person"]))
    query = f"?event={event.pk}&country=TN&constituency=workers"

    preview = client.get(PARTICIPANTS + "invite/" + query).text
    assert "Rim Jaziri" in preview
    assert "Youssef" not in preview
    assert "Courriel" not in preview
    assert "Sonia" not in preview

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PARTICIPANTS + "invite/" + query)
    assert response.status_code == 302

    invitations = Invitation.objects.filter(event=event).order_by("email")
    assert sorted(i.email.casefold() for i in invitations) == ["hedi@ugtt.tn", "rim@ugtt.tn"]
    assert sorted(message.to[0].casefold() for message in mail.outbox) == [
        "hedi@ugtt.tn",
        "rim@ugtt.tn",
    ]
    rim_email = next(message for message in mail.outbox if message.to == ["rim@ugtt.tn"])
    invitation = Invitation.objects.get(email="rim@ugtt.tn")
    assert f"?invitation={invitation.token}" in rim_email.body
    # In the workshop's first working language, as Rim's account language is unknown.
    with translation.override("ar"):
        assert rim_email.subject == translation.gettext("Invitation: %(workshop)s") % {
            "workshop": event.title
        }
    link = re.search(r"(https?://\S+)", rim_email.body).group(1)
    token = link.split("invitation=")[1]
    assert token == invitation.token

    stranger = make_user(email="someone.else@example.org")
    with pytest.raises(seats.RegistrationRefused):
        seats.register(event, stranger, invitation=invitation, **participant_fields())
    rim = make_user(email="rim@ugtt.tn")
    assert seats.register(event, rim, invitation=invitation, **participant_fields()).pk

    # A second round invites nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PARTICIPANTS + "invite/" + query, follow=True)
    assert Invitation.objects.filter(event=event).count() == 2
    assert mail.outbox == []


def test_invitation_in_the_persons_account_language(
    client, open_workshop, workshop_staff, registry, make_user, django_capture_on_commit_callbacks
):
    event = open_workshop(mode=EventPage.RegistrationMode.INVITATION)
    account = make_user(email="youssef@gov.ma", preferred_language="en")
    Person.objects.filter(pk=registry["youssef"].pk).update(user=account)
    client.force_login(workshop_staff(event, permissions=["stakeholders.view_person"]))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(PARTICIPANTS + f"invite/?event={event.pk}&country=MA")

    [message] = mail.outbox
    with translation.override("en"):
        assert message.subject == f"Invitation: {event.title_en}"
    assert "/en/" in message.body


def test_inviting_needs_the_registry_permission(client, workshops):
    client.force_login(workshops.tunis_staff)
    response = client.get(PARTICIPANTS + f"invite/?event={workshops.tunis.pk}")
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()


# Emailing a group ------------------------------------------------------------------------------


def test_group_email_reaches_only_the_filtered_participants(
    client, crowd, django_capture_on_commit_callbacks
):
    event, people = crowd
    query = f"?event={event.pk}&gender=woman"
    page = client.get(PARTICIPANTS + "email/" + query).text
    with translation.override("fr"):
        count = translation.ngettext(
            "This message goes to %(counter)s participant, the one the listing's filters select.",
            "This message goes to %(counter)s participants, those the listing's filters select.",
            2,
        ) % {"counter": 2}
    assert count in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PARTICIPANTS + "email/" + query,
            {"subject": "Programme mis à jour", "message": "Bonjour,\nle programme a changé."},
        )

    assert response.status_code == 302
    assert response["Location"] == f"{PARTICIPANTS}{query}"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["amina"].email, people["sara"].email]
    )
    assert {message.subject for message in mail.outbox} == {"Programme mis à jour"}
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_group_email_refuses_a_subject_on_two_lines(
    client, crowd, django_capture_on_commit_callbacks
):
    event, _people = crowd
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PARTICIPANTS + f"email/?event={event.pk}",
            {"subject": "Hello\r\nBcc: victim@example.org", "message": "Body"},
        )

    assert response.status_code == 200
    assert html.escape(translated("The subject must fit on one line.")) in response.text
    assert "Body" in response.text
    assert mail.outbox == []


def test_group_email_with_nobody_selected_says_so(client, crowd):
    event, _people = crowd
    response = client.post(
        PARTICIPANTS + f"email/?event={event.pk}&status=rejected",
        {"subject": "Hello", "message": "Body"},
    )
    assert response.status_code == 200
    assert html.escape(translated("No participant matches these filters.")) in response.text


def test_group_email_skips_anonymised_registrations(
    client, crowd, django_capture_on_commit_callbacks
):
    event, people = crowd
    Registration.objects.filter(pk=people["sara"].pk).update(anonymised_at=timezone.now(), email="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            PARTICIPANTS + f"email/?event={event.pk}&gender=woman",
            {"subject": "Programme", "message": "Bonjour"},
        )

    assert [message.to for message in mail.outbox] == [[people["amina"].email]]


# Attendance without a badge --------------------------------------------------------------------


def test_attendance_page_finds_by_name_and_ticks_in_once(client, open_workshop, workshop_staff):
    today = timezone.localdate()
    event = open_workshop(start=today - datetime.timedelta(days=1), days=3)
    # (The workshop has begun: its registration is closed.)
    nour, _walid = Registration.objects.bulk_create(
        [
            Registration(event=event, status="confirmed", **participant_fields(**names))
            for names in (
                {"first_name": "Nour", "last_name": "Mansouri"},
                {"first_name": "Walid", "last_name": "Karoui"},
            )
        ]
    )
    client.force_login(workshop_staff(event))
    url = PARTICIPANTS + "attendance/"
    day = today.isoformat()

    page = client.get(url, {"event": event.pk, "day": day, "q": "mansouri"}).text
    assert "Nour Mansouri" in page
    assert f'href="/admin/workshops/{event.pk}/sign-in-sheet/{day}/"' in page
    assert client.get(url, {"event": "x"}).status_code == 200
    assert "Walid" not in page

    client.post(url, {"registration": nour.pk, "day": day})
    response = client.post(url, {"registration": nour.pk, "day": day}, follow=True)

    assert Attendance.objects.filter(registration=nour).count() == 1
    assert (
        html.escape(
            translated("%(name)s was already checked in on that day.", name="Nour Mansouri")
        )
        in response.text
    )
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"registration": nour.pk, "day": tomorrow}, follow=True)
    assert (
        html.escape(translated("Attendance cannot be recorded for a day still to come."))
        in response.text
    )
    assert Attendance.objects.filter(registration=nour).count() == 1


def test_attendance_page_is_paginated_with_fixed_queries(
    client, open_workshop, workshop_staff, django_assert_max_num_queries
):
    today = timezone.localdate()
    event = open_workshop(start=today, days=1, capacity=None)
    client.force_login(workshop_staff(event))
    url = f"{PARTICIPANTS}attendance/?event={event.pk}&day={today.isoformat()}"

    def add(count):
        Registration.objects.bulk_create(
            [
                Registration(event=event, status="confirmed", **participant_fields())
                for _n in range(count)
            ]
        )

    add(1)
    with_one = count_queries(client, url)
    add(59)
    assert count_queries(client, url) == with_one
    page = client.get(url).text
    assert page.count('name="registration"') == 50
    assert client.get(url + "&page=2").text.count('name="registration"') == 10
