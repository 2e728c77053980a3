"""Media files in development (DEBUG only, `make run`): the images, and nothing else.

Django's `static()` view would serve all of MEDIA_ROOT to anyone: documents (staff-only protocol
texts and signed scans, partners-only files), recommendation progress evidence… Those are only
ever served by the app's own views, which check who asks (Wagtail's /documents/<id>/<name>, the
protocol and recommendation views). Only the folders of Wagtail's images (the originals and the
renditions that pages show) are served here, as nginx serves them in production (docs/deploy.md);
any other path answers 404, including a folder added later.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

PUBLIC_FOLDERS = {"images", "original_images"}


def serve_media(request, path):
    # Normalised first, as serve() does: images/../documents/… is a document.
    path = posixpath.normpath(path).lstrip("/")
    if path.split("/", 1)[0] not in PUBLIC_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
