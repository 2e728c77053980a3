"""The partner space: a focal point keeps their organisation's contacts and people current."""

urlpatterns = []
