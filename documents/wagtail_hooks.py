from django.http import Http404
from wagtail import hooks


@hooks.register("before_serve_document")
def serve_only_to_those_allowed(document, request):
    """A restricted document answers 404 to whoever may not see it, as if it did not exist."""
    if not document.is_visible_to(request.user):
        raise Http404
