"""A route's path in a given language: the segments of the site's own routes are translated."""

from django.urls import reverse
from django.utils import translation


def route(name, *args, language="fr"):
    with translation.override(language):
        return reverse(name, args=args)
