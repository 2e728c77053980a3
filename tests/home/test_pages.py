from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage, HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_pages_live_under_the_home_page_or_each_other(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(Page, ContentPage)


class ContentPageAdminTests(WagtailPageTestCase):
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

    def test_editor_creates_a_content_page_with_a_body_in_three_languages(self):
        data = nested_form_data(
            {
                "title_fr": "Objectifs",
                "title_ar": "الأهداف",
                "title_en": "Objectives",
                "slug_fr": "objectifs",
                "slug_ar": "الأهداف",
                "slug_en": "objectives",
                "introduction_fr": "Les trois axes.",
                "body_fr": streamfield([("paragraph", rich_text("<p>Données</p>"))]),
                "body_ar": streamfield([("paragraph", rich_text("<p>البيانات</p>"))]),
                "body_en": streamfield([("paragraph", rich_text("<p>Data</p>"))]),
                "country": "",
            }
        )
        self.assertCanCreate(self.home, ContentPage, data)
        page = ContentPage.objects.get(slug_fr="objectifs")
        assert page.slug_ar == "الأهداف"
        assert "البيانات" in str(page.body_ar[0].value)
        assert "Data" in str(page.body_en[0].value)
