from django import template

from .. import access

register = template.Library()


@register.simple_tag(takes_context=True)
def has_partner_space(context):
    """Whether the user is a current focal point or signatory: the header then links to the
    partner space. One query, for logged-in users only, once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(request, "_has_partner_space"):
        request._has_partner_space = access.is_designated(user)
    return request._has_partner_space
