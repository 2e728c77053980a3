"""Protocols in the Wagtail admin: parties, signatories, wet-ink signatures, the audit log."""

viewsets = []
