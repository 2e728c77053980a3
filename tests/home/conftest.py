import pytest

from home.models import ContentPage


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


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
