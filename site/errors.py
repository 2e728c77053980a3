"""Error pages that render without the database, in the visitor's language.

When the database is unreachable, the site answers 503 with a page that needs no query (the
normal layout reads the menu from the database) and tells the browser to retry; a connection
is opened again on the next request (CONN_HEALTH_CHECKS), so the site recovers by itself.
Any other uncaught error is a 500 with the same query-free page; the traceback goes to the log.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# Lost or refused connections; an IntegrityError or a ProgrammingError is a bug, hence a 500.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return service_unavailable(request)
    response = TemplateResponse(
        request,
        "service_unavailable.html",
        {
            "heading": _("Something went wrong"),
            "message": _("The error has been recorded. Please try again in a moment."),
        },
        status=500,
    )
    return response.render()


def service_unavailable(request):
    response = TemplateResponse(
        request,
        "service_unavailable.html",
        {
            "heading": _("The site is briefly unavailable"),
            "message": _(
                "We cannot reach our database at the moment. Please try again in a minute: "
                "nothing you sent before this page was lost."
            ),
        },
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response.render()
