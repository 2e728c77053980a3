"""The registry and protocols in the Wagtail admin."""
