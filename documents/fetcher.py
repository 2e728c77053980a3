"""`LocalURLFetcher`: the only resources a PDF of documents/pdf.py may load.

It serves ``data:`` URIs and our own static and media files from disk, under the fake origin
`BASE_URL`, and refuses everything else (network, ``file://``, other schemes). It subclasses
WeasyPrint's fetcher, so this module is imported only when a PDF is laid out (see `pdf.HTML`).
"""

import functools
import io
import mimetypes
from pathlib import Path
from urllib import request as urllib_request
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from fontTools.ttLib import woff2
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf import BASE_URL


class FetchRefused(ValueError):
    """A resource the PDF renderer may not load; WeasyPrint logs it and skips the resource."""


def _url_path(setting: str) -> str | None:
    """The path part of STATIC_URL/MEDIA_URL ("/static/"), or None when unset."""
    value = getattr(settings, setting, None)
    if not value:
        return None
    path = urlsplit(urljoin(BASE_URL, str(value))).path
    return path if path.endswith("/") else path + "/"


def _inside(path: Path, root: Path) -> Path | None:
    """`path` with symlinks resolved if it is a file inside `root`, else None."""
    try:
        resolved = path.resolve()
        root = root.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved.is_relative_to(root) and resolved.is_file():
        return resolved
    return None


def _relative_name(path: str, prefix: str) -> str:
    """The file name under a URL prefix, refusing anything that could climb out of the root."""
    name = path[len(prefix) :]
    # Percent-decoding happens once, here; a name still holding "%" was encoded twice.
    if "%" in name or "\\" in name or "\x00" in name:
        raise FetchRefused(f"Suspicious file name: {name!r}")
    segments = name.split("/")
    if not name or name.startswith("/") or any(s in ("", ".", "..") for s in segments):
        raise FetchRefused(f"Suspicious file name: {name!r}")
    return name


def _static_file(name: str) -> Path | None:
    # STATIC_ROOT first: with a manifest storage, hashed names exist only there.
    if settings.STATIC_ROOT:
        found = _inside(Path(settings.STATIC_ROOT) / name, Path(settings.STATIC_ROOT))
        if found:
            return found
    # The finders join with safe_join, which already refuses a path outside their roots.
    found = finders.find(name)
    return Path(found).resolve() if found and Path(found).is_file() else None


def _media_file(name: str) -> Path | None:
    if not settings.MEDIA_ROOT:
        return None
    return _inside(Path(settings.MEDIA_ROOT) / name, Path(settings.MEDIA_ROOT))


@functools.lru_cache(maxsize=16)
def _woff2_as_sfnt(path: str, mtime_ns: int, size: int) -> bytes:
    """The font decompressed once per process (keyed on mtime and size to see a new file).

    WeasyPrint would decompress every woff2 at every render, in pure Python: ~0.2 s for our
    four faces, more than laying out a one-page badge. It takes an uncompressed font as is.
    """
    out = io.BytesIO()
    with open(path, "rb") as font:
        woff2.decompress(font, out)
    return out.getvalue()


class LocalURLFetcher(URLFetcher):
    """Serves data: URIs and our static/media files from disk; refuses every other URL.

    WeasyPrint 70 wants a `URLFetcher` instance (it reads private attributes of it), so this
    subclasses it and overrides `fetch`, never calling the network-capable parent one.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            # The standard library's handler decodes base64 and percent-encoding; no I/O.
            data_request = urllib_request.Request(url)  # noqa: S310 - a data: URL, checked above
            response = urllib_request.DataHandler().data_open(data_request)
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        path = self.resolve(url)
        if path.suffix == ".woff2":
            stat = path.stat()
            body = _woff2_as_sfnt(str(path), stat.st_mtime_ns, stat.st_size)
            return URLFetcherResponse(url, body, {"Content-Type": "font/sfnt"})
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def resolve(self, url: str) -> Path:
        """The file on disk that `url` names, or FetchRefused."""
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise FetchRefused(f"Malformed URL: {url!r}") from error
        origin = urlsplit(BASE_URL)
        # Compare the raw netloc: "amem.invalid@evil", ports or user info are not our origin.
        if (parts.scheme.lower(), parts.netloc.lower()) != (origin.scheme, origin.netloc):
            raise FetchRefused(f"Not a local resource: {url!r}")
        path = unquote(parts.path)
        for setting, lookup in (("STATIC_URL", _static_file), ("MEDIA_URL", _media_file)):
            prefix = _url_path(setting)
            if prefix and prefix != "/" and path.startswith(prefix):
                found = lookup(_relative_name(path, prefix))
                if found is None:
                    raise FetchRefused(f"No such {setting[:-4].lower()} file: {url!r}")
                return found
        raise FetchRefused(f"Not a static or media URL: {url!r}")
