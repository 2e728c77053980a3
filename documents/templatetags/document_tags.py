from django import template
from django.contrib.auth.models import AnonymousUser

register = template.Library()


@register.filter
def visible_to(document, user):
    """Whether `user` may download `document`: a link to it is shown only then (a chosen document
    that was deleted is None). A template rendered without a request (a PDF) has no user: anonymous.
    """
    return document is not None and document.is_visible_to(user or AnonymousUser())


@register.filter
def links_visible_to(blocks, user):
    """The document-link blocks of a stream whose document `user` may download."""
    return [block for block in blocks if visible_to(block.value["document"], user)]
