"""A designated signatory signs a protocol in the platform."""

urlpatterns = []
