"""Strict parsing of what a URL carries: a token or an id reaches the database only when it is
one. `str.isdigit()` accepts "²" and Arabic-Indic digits, which `int()` or the database then
refuse with a 500; a path token may hold a NUL byte, which PostgreSQL refuses in a query.
"""

import re

from django.urls import register_converter

DECIMAL_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only, and within a bigint


def decimal_id(value):
    """`value` as a primary key, or None if it is not one."""
    if isinstance(value, str) and DECIMAL_ID.fullmatch(value):
        return int(value)
    return None


class TokenConverter:
    """A secret token as `secrets.token_urlsafe` writes it (URL-safe base64), up to the 64
    characters the models store: anything else is no route (404) rather than a query."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")
