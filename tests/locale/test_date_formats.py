"""One way to write a date per language, wherever it is written: Django's `date` filter (with the
site's formats, site/formats/) agrees with events/dates.py. Django's own formats wrote
«5 ديسمبر، 2026» and "Dec. 5, 2026" beside «17 ديسمبر 2026» and "17 December 2026"."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from events.dates import date_range


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("fr", "5 décembre 2026", "5 décembre 2026 15:30"),
        ("ar", "5 ديسمبر 2026", "5 ديسمبر 2026، 15:30"),
        ("en", "5 December 2026", "5 December 2026, 15:30"),
    ],
)
def test_a_date_reads_the_same_everywhere_in_a_language(language, day, moment):
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}')
    context = Context(
        {"day": datetime.date(2026, 12, 5), "moment": datetime.datetime(2026, 12, 5, 15, 30)}
    )
    with translation.override(language):
        assert template.render(context) == f"{day}|{moment}"
        assert date_range(datetime.date(2026, 12, 5)) == day
