import datetime

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage, EventPage
from home.models import ContentPage, HomePage, NewsIndexPage
from stakeholders.models import Organisation


class PageTreeTests(WagtailPageTestCase):
    def test_event_index_sits_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(Page, EventIndexPage)
        self.assertCanNotCreateAt(ContentPage, EventIndexPage)
        self.assertCanNotCreateAt(EventIndexPage, EventIndexPage)

    def test_event_page_sits_only_under_the_event_index(self):
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(ContentPage, EventPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)

    def test_event_index_takes_only_workshops(self):
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())


def in_each_language(name, fr="", ar="", en=""):
    return {f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def session(start, end, kind, titles, speakers=(), moderator=""):
    """A session as the admin posts it: `titles` (fr, ar, en); people named once."""
    return {
        "start": start,
        "end": end,
        "kind": kind,
        **in_each_language("title", *titles),
        **in_each_language("room", "Salle Carthage", "قاعة قرطاج", "Carthage Room"),
        "moderator": {"name": moderator, **in_each_language("role")},
        "speakers": {
            "count": str(len(speakers)),
            **{
                str(i): {
                    "value": {"name": name, **in_each_language("role", "OIT", "", "ILO")},
                    "deleted": "",
                    "order": str(i),
                    "id": "",
                }
                for i, name in enumerate(speakers)
            },
        },
        **in_each_language("description"),
    }


def day(date, titles, sessions):
    return {
        "date": date,
        **in_each_language("title", *titles),
        "sessions": {
            "count": str(len(sessions)),
            **{
                str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
                for i, value in enumerate(sessions)
            },
        },
    }


class EventPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        # Staff reach the admin only with TOTP set up.
        TOTP.activate(self.login(), generate_totp_secret())
        root = Page.get_first_root_node()
        self.home = HomePage(
            **{f"title_{code}": "AMEM" for code in ("fr", "ar", "en")},
            **{f"slug_{code}": f"amem-{code}" for code in ("fr", "ar", "en")},
            hero_title_fr="AMEM",
        )
        root.add_child(instance=self.home)
        self.index = EventIndexPage(
            **{f"title_{code}": "Ateliers" for code in ("fr", "ar", "en")},
            **{f"slug_{code}": f"ateliers-{code}" for code in ("fr", "ar", "en")},
        )
        self.home.add_child(instance=self.index)
        self.ilo = Organisation.objects.create(
            name_fr="Organisation internationale du Travail", acronym_fr="OIT", kind="donor"
        )

    def test_editor_creates_a_workshop_with_a_two_day_agenda(self):
        agenda = streamfield(
            [
                (
                    "day",
                    day(
                        "2025-03-12",
                        ("Jour 1", "اليوم 1", "Day 1"),
                        [
                            session(
                                "09:00",
                                "09:30",
                                "opening",
                                ("Ouverture officielle", "الافتتاح الرسمي", "Official opening"),
                            ),
                            session(
                                "09:30",
                                "11:00",
                                "panel",
                                ("Panel sur les données", "حلقة نقاش حول البيانات", ""),
                                speakers=["Panéliste A", "Panéliste B"],
                                moderator="Modératrice",
                            ),
                        ],
                    ),
                ),
                (
                    "day",
                    day(
                        "2025-03-13",
                        ("Jour 2", "", ""),
                        [session("09:00", "12:00", "closing", ("Clôture", "", ""))],
                    ),
                ),
            ]
        )
        data = nested_form_data(
            {
                "title_fr": "Atelier national",
                "title_ar": "ورشة وطنية",
                "title_en": "National workshop",
                "slug_fr": "atelier-national",
                "slug_ar": "ورشة-وطنية",
                "slug_en": "national-workshop",
                "kind": "workshop",
                "axis": "data",
                "start_date": "2025-03-12",
                "start_time": "09:00",
                "end_date": "2025-03-13",
                "end_time": "17:00",
                "time_zone": "Africa/Tunis",
                "venue_fr": "Hôtel Laico",
                "city_fr": "Tunis",
                "country": "TN",
                "summary_fr": "Deux jours d'échanges.",
                "concept_note_fr": rich_text("<p>Contexte</p>"),
                "agenda": agenda,
                "related_documents_fr": streamfield([]),
                "related_documents_ar": streamfield([]),
                "related_documents_en": streamfield([]),
                "registration_mode": "approval",
                "capacity": "60",
                "waitlist_enabled": "on",
                "reminder_days_before": "2",
                "registration_quotas": inline_formset([{"constituency": "workers", "seats": "20"}]),
                "registration_questions": inline_formset(
                    [
                        {
                            "label_fr": "Session parallèle",
                            "label_ar": "الجلسة الموازية",
                            "label_en": "Parallel session",
                            "kind": "choice",
                            "choices_fr": "Données\nGouvernance",
                            "choices_ar": "البيانات\nالحوكمة",
                            "choices_en": "Data\nGovernance",
                            "required": "on",
                        }
                    ]
                ),
            }
        )
        # Multiple values after nested_form_data, which would flatten a list into "name-0".
        data.update(organisers=[str(self.ilo.pk)], working_languages=["fr", "ar"])
        self.assertCanCreate(self.index, EventPage, data)

        page = EventPage.objects.get(slug_fr="atelier-national")
        assert page.start_date == datetime.date(2025, 3, 12)
        assert page.start_time == datetime.time(9, 0)
        assert page.time_zone == "Africa/Tunis"
        assert page.working_languages == ["fr", "ar"]
        assert list(page.organisers.all()) == [self.ilo]
        days = [block.value for block in page.agenda]
        assert [d["date"] for d in days] == [datetime.date(2025, 3, 12), datetime.date(2025, 3, 13)]
        first_day = [(s["title_fr"], s["title_ar"]) for s in days[0]["sessions"]]
        assert first_day == [
            ("Ouverture officielle", "الافتتاح الرسمي"),
            ("Panel sur les données", "حلقة نقاش حول البيانات"),
        ]
        panel = days[0]["sessions"][1]
        assert panel["kind"] == "panel"
        assert [s["name"] for s in panel["speakers"]] == ["Panéliste A", "Panéliste B"]
        assert [s["role_en"] for s in panel["speakers"]] == ["ILO", "ILO"]
        assert panel["moderator"]["name"] == "Modératrice"
        assert days[1]["sessions"][0]["start"] == datetime.time(9, 0)
        assert (page.registration_mode, page.capacity, page.reminder_days_before) == (
            "approval",
            60,
            2,
        )
        quota = page.registration_quotas.get()
        assert (quota.constituency, quota.seats) == ("workers", 20)
        question = page.registration_questions.get()
        with translation.override("ar"):
            assert question.label == "الجلسة الموازية"
            assert question.choice_list == ["البيانات", "الحوكمة"]

    def test_a_workshop_cannot_end_before_it_starts(self):
        data = nested_form_data(
            {
                "title_fr": "À l'envers",
                "slug_fr": "a-l-envers",
                "kind": "workshop",
                "start_date": "2025-03-13",
                "end_date": "2025-03-12",
                "time_zone": "Africa/Tunis",
                "agenda": streamfield([]),
                "related_documents_fr": streamfield([]),
                "related_documents_ar": streamfield([]),
                "related_documents_en": streamfield([]),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/events/eventpage/{self.index.pk}/", data, follow=True
        )
        assert not EventPage.objects.filter(slug_fr="a-l-envers").exists()
        assert "end_date" in response.context["form"].errors
