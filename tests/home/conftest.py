import pytest
from wagtail.models import Page, Site

from home.models import ContentPage, HomePage


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePage(
        **translated("title", "Accueil", "الرئيسية", "Home"),
        **translated("slug", "accueil", "الرئيسية", "home"),
        **translated("hero_title", "Migration équitable", "الهجرة العادلة", "Fair migration"),
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def project_page(home_page):
    page = ContentPage(
        **translated("title", "Le projet", "المشروع", "The project"),
        **translated("slug", "projet", "المشروع", "project"),
        **translated("introduction", "Présentation", "تقديم", "Overview"),
        show_in_menus=True,
    )
    home_page.add_child(instance=page)
    return page
