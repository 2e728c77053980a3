"""Organisations and people in the Wagtail admin: listings, filters, export, import, merge."""

viewsets = []
