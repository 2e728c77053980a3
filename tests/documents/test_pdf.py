"""documents/pdf.py: PDFs parsed back with pypdf (and pdftotext where it reads RTL better)."""

import base64
import io
import os
import re
import shutil
import socket
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
import weasyprint
from django.test import RequestFactory
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import StreamObject

from documents import pdf as pdf_module
from documents.fetcher import FetchRefused, LocalURLFetcher
from documents.pdf import (
    BASE_URL,
    content_disposition,
    pdf_response,
    render_pdf,
    render_to_pdf,
    render_to_pdf_in_parts,
)

# The site's own static files (the amem app's static folder).
STATIC_SOURCE = Path(__file__).resolve().parents[2] / "site" / "static"
ARABIC_SENTENCE = "ورشة عمل حول بيانات هجرة اليد العاملة"
FRENCH_SENTENCE = "Atelier sur les données de migration de main-d’œuvre"
CONTENT = {
    "fr": {
        "title": "Atelier régional : données sur la migration de main-d’œuvre",
        "heading": "Programme de l’atelier",
        "paragraph": FRENCH_SENTENCE,
        "time_label": "Heure",
        "session_label": "Séance",
    },
    "ar": {
        "title": "ورشة إقليمية حول بيانات هجرة اليد العاملة",
        "heading": "برنامج الورشة",
        "paragraph": ARABIC_SENTENCE,
        "time_label": "الساعة",
        "session_label": "الجلسة",
    },
}


def render_pages(language, pages, rows=4):
    content = CONTENT[language]
    context = {**content, "pages": range(pages), "rows": range(rows)}
    return render_to_pdf("pdf_tests/pages.html", context, title=content["title"], language=language)


def normalise(text):
    """NFKC (presentation forms → letters), without the bidi marks pdftotext adds."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text)


def page_texts(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def font_names(pdf):
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def glyphs_by_character(pdf, base_font_suffix):
    """For one embedded font: character → the glyph ids its ToUnicode map gives for it."""
    glyphs = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if not str(font["/BaseFont"]).endswith(base_font_suffix):
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode()
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                    character = bytes.fromhex(text).decode("utf-16-be")
                    glyphs.setdefault(character, set()).add(glyph)
    return glyphs


def everything_in(pdf):
    """The PDF's bytes plus every stream decompressed: where an embedded file would show."""
    reader = PdfReader(io.BytesIO(pdf))
    chunks = [pdf]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: S112 - free or broken entries hold nothing to find
            continue
        if isinstance(obj, StreamObject):
            chunks.append(obj.get_data())
    return b"\n".join(chunks)


def hostile_html(port):
    local = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html>
<html lang="fr" dir="ltr"><head><meta charset="utf-8"><title>Hostile</title>
<link rel="stylesheet" href="/static/css/pdf.css">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="/static/css/pdf.css">
<link rel="attachment" href="data:text/plain,root:x:0:0:data-attachment">
<link rel="stylesheet" href="https://example.org/evil.css">
<link rel="stylesheet" href="{local}/link.css">
<style>
@import url({local}/x.css);
@font-face {{ font-family: Evil; src: url({local}/font.woff2); }}
body {{ background-image: url({local}/background.png); font-family: Evil, sans-serif; }}
</style></head>
<body>
<p>Le contenu reste.</p>
<img src="file:///etc/passwd">
<img src="http://169.254.169.254/latest/meta-data/">
<img src="{local}/pixel.png">
<img src="https://amem.invalid@127.0.0.1:{port}/static/fonts/NotoSans-Regular.woff2">
<img src="/static/../../../../etc/passwd">
<img src="/media/../secret.txt">
<object data="{local}/object.svg"></object>
<embed src="{local}/embed.png">
<svg width="10" height="10"><image href="{local}/svg-image.png" width="10" height="10"/></svg>
<a rel="attachment" href="/static/css/pdf.css">feuille de style</a>
<a rel="attachment" href="file:///etc/passwd">passwd</a>
</body></html>"""


# Layout, numbering and metadata


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_render_to_pdf_multipage_is_a4_numbered_with_metadata(pdf_templates, language):
    pdf = render_pages(language, pages=3)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)
        assert float(page.mediabox.height) == pytest.approx(842, abs=1)
    title = CONTENT[language]["title"]
    for number, text in enumerate(page_texts(pdf), start=1):
        assert f"{number} / 3" in text
        # The running header: the brand and the document's title on every page.
        assert "AMEM" in text
        assert normalise(title) in normalise(text)
    assert reader.metadata.title == title
    assert reader.metadata.author == "AMEM"
    assert reader.metadata.creator == "AMEM"
    assert reader.trailer["/Root"]["/Lang"] == language


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_long_run_of_pages_is_laid_out_in_parts_and_joined_in_order(
    pdf_templates, language, monkeypatch
):
    monkeypatch.setattr(os, "cpu_count", lambda: 3)  # three parts, whatever the machine
    title = CONTENT[language]["title"]
    pdf = render_to_pdf_in_parts(
        "pdf_tests/cards.html", {"cards": range(130)}, pages="cards", title=title, language=language
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert [page.extract_text().strip() for page in reader.pages] == [
        f"card{number:03d}" for number in range(130)
    ]
    assert reader.metadata.title == title
    assert reader.metadata.author == "AMEM"
    assert reader.metadata.creator == "AMEM"
    assert reader.trailer["/Root"]["/Lang"] == language


def test_a_short_run_of_pages_is_laid_out_in_one_process(pdf_templates, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("no process pool for a few pages")

    monkeypatch.setattr(pdf_module, "ProcessPoolExecutor", no_pool)
    pdf = render_to_pdf_in_parts(
        "pdf_tests/cards.html", {"cards": range(30)}, pages="cards", title="t", language="fr"
    )
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 30


def test_render_to_pdf_table_rows_and_headings_stay_whole(pdf_templates):
    filler = " ".join([FRENCH_SENTENCE] * 12)
    context = {"rows": range(30), "sections": range(30), "filler": filler}

    pdf = render_to_pdf("pdf_tests/breaks.html", context, title="Coupures", language="fr")

    texts = page_texts(pdf)
    assert len(texts) > 5

    def pages_of(marker):
        return [number for number, text in enumerate(texts) if marker in text]

    for index in range(30):
        # A row begins and ends on one page; a heading is on the page where its text starts.
        assert pages_of(f"rowbegin{index:02d}") == pages_of(f"rowfinish{index:02d}")
        assert pages_of(f"heading{index:02d}") == pages_of(f"text{index:02d}")


def test_render_to_pdf_context_has_language_direction_and_active_translation(pdf_templates):
    pdf = render_to_pdf("pdf_tests/context.html", {}, title="Badge", language="ar")

    assert "active=ar language=ar direction=rtl" in page_texts(pdf)[0]


def test_render_to_pdf_site_links_point_at_the_requesting_site(pdf_templates):
    request = RequestFactory().get("/ar/events/")

    pdf = render_to_pdf("pdf_tests/context.html", {}, title="Badge", language="fr", request=request)

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    uris = [annot.get_object()["/A"]["/URI"] for annot in page["/Annots"]]
    assert uris == ["http://testserver/fr/evenements/"]
    assert BASE_URL.encode() not in everything_in(pdf)


def test_render_pdf_site_links_point_at_the_configured_base_url(pdf_templates, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://amem.example.org"
    html = '<html lang="fr"><body><a href="/fr/evenements/">Agenda</a></body></html>'

    page = PdfReader(io.BytesIO(render_pdf(html, title="T", language="fr"))).pages[0]

    assert [a.get_object()["/A"]["/URI"] for a in page["/Annots"]] == [
        "https://amem.example.org/fr/evenements/"
    ]


def test_render_pdf_media_static_and_data_images_are_embedded(media_root):
    pixel = (media_root / "images" / "pixel.png").read_bytes()
    html = f"""<html lang="fr"><body>
<img src="/media/images/pixel.png">
<img src="data:image/png;base64,{base64.b64encode(pixel).decode()}">
<img src="/static/css/pdf.css">
</body></html>"""

    page = PdfReader(io.BytesIO(render_pdf(html, title="Images", language="fr"))).pages[0]

    # Two images; the stylesheet given as an image is read but is no image.
    assert len(page["/Resources"]["/XObject"]) == 2


# Arabic: logical order, shaping, fonts


def test_render_to_pdf_arabic_text_extracts_in_logical_order(pdf_templates):
    pdf = render_pages("ar", pages=1)

    text = normalise(page_texts(pdf)[0])

    assert ARABIC_SENTENCE in text
    # Reversed (visual) order would be a different string: the check above cannot pass with it.
    assert ARABIC_SENTENCE[::-1] not in text


def test_render_to_pdf_arabic_text_extracts_in_logical_order_with_pdftotext(
    pdf_templates, tmp_path
):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "ar.pdf"
    path.write_bytes(render_pages("ar", pages=1))

    text = subprocess.run(  # noqa: S603 - a fixed command on a file the test wrote
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout

    assert ARABIC_SENTENCE in normalise(text)


def test_render_to_pdf_arabic_letters_take_their_joined_forms(pdf_templates):
    pdf = render_pages("ar", pages=1)

    glyphs = glyphs_by_character(pdf, "+Noto-Sans-Arabic")

    # Shaped text draws a letter with a different glyph at the start, middle or end of a word:
    # "عمل" / "العاملة" need two forms of ع, ل and م. Unshaped text uses one glyph per letter.
    for letter in "علم":
        assert len(glyphs[letter]) >= 2, letter


def test_render_to_pdf_arabic_uses_the_bundled_arabic_font_not_dejavu(pdf_templates):
    names = font_names(render_pages("ar", pages=1))

    assert any("NotoSansArabic" in name.replace("-", "") for name in names), names
    assert not any("DejaVu" in name for name in names), names


def test_render_to_pdf_french_uses_the_bundled_latin_font(pdf_templates):
    names = font_names(render_pages("fr", pages=1))

    assert any(name.endswith("+Noto-Sans") for name in names), names
    assert not any("DejaVu" in name for name in names), names


# Security: nothing leaves the machine, nothing but our files comes in


def test_render_pdf_hostile_document_fetches_nothing_and_embeds_nothing(
    media_root, recording_server
):
    pdf = render_pdf(hostile_html(recording_server.server_port), title="Hostile", language="fr")

    assert recording_server.requests == []
    reader = PdfReader(io.BytesIO(pdf))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            assert annot.get_object()["/Subtype"] != "/FileAttachment"
    contents = everything_in(pdf)
    assert b"root:" not in contents
    assert b"/EmbeddedFile" not in contents
    assert b"@font-face" not in contents  # the static CSS offered as an attachment
    assert "Le contenu reste." in page_texts(pdf)[0]


def test_weasyprint_default_fetcher_reaches_the_recording_server(recording_server):
    """Control: the recording server does see a fetch when the fetcher is not ours."""
    port = recording_server.server_port
    html = f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css"><p>x</p>'

    weasyprint.HTML(string=html).write_pdf()

    assert recording_server.requests == ["/x.css"]


def test_render_pdf_hostile_document_opens_no_socket(media_root, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    # Record rather than assert: WeasyPrint catches a fetcher's exceptions and carries on.
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    render_pdf(hostile_html(9), title="Hostile", language="fr")

    assert attempts == []


def test_fetcher_static_file_is_served():
    response = LocalURLFetcher().fetch(f"{BASE_URL}static/css/pdf.css")

    assert response.content_type == "text/css"
    assert b"@font-face" in response.read()


def test_fetcher_static_woff2_font_is_served_decompressed(settings):
    woff2_path = STATIC_SOURCE / "fonts" / "NotoSansArabic-Regular.woff2"

    response = LocalURLFetcher().fetch(f"{BASE_URL}static/fonts/NotoSansArabic-Regular.woff2")

    # Decompressed once per process rather than by WeasyPrint at every render.
    font = TTFont(io.BytesIO(response.read()))
    assert font.flavor is None
    assert font.getBestCmap() == TTFont(woff2_path).getBestCmap()


def test_fetcher_media_file_is_served(media_root):
    response = LocalURLFetcher().fetch(f"{BASE_URL}media/images/pixel.png")

    assert response.content_type == "image/png"
    assert response.read() == (media_root / "images" / "pixel.png").read_bytes()


def test_fetcher_data_uri_is_served():
    response = LocalURLFetcher().fetch("data:text/css;base64,Ym9keXt9")

    assert response.content_type == "text/css"
    assert response.read() == b"body{}"


@pytest.mark.parametrize(
    "path",
    [
        "static/../../../../etc/passwd",
        "static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "static/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "static/css/..%2f..%2f..%2fsettings/base.py",
        "static/%252e%252e/%252e%252e/etc/passwd",
        "static//etc/passwd",
        "static/%2fetc/passwd",
        "static/css/..\\..\\..\\settings\\base.py",
        "static/css/pdf.css%00.png",
        "static/css/",
        "static/",
        "media/../secret.txt",
        "media/%2e%2e/secret.txt",
        "media/images/missing.png",
    ],
)
def test_fetcher_path_outside_the_roots_is_refused(media_root, path):
    with pytest.raises(FetchRefused):
        LocalURLFetcher().fetch(BASE_URL + path)


def test_fetcher_symlink_out_of_media_is_refused(media_root):
    (media_root / "images" / "link.txt").symlink_to(media_root.parent / "secret.txt")

    with pytest.raises(FetchRefused):
        LocalURLFetcher().fetch(f"{BASE_URL}media/images/link.txt")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/css/pdf.css",
        "http://amem.invalid/static/css/pdf.css",
        "https://amem.invalid:443/static/css/pdf.css",
        "https://amem.invalid.example.org/static/css/pdf.css",
        "https://amem.invalid@127.0.0.1/static/css/pdf.css",
        "http://127.0.0.1/static/css/pdf.css",
        "http://169.254.169.254/latest/meta-data/",
        "https://amem.invalid/fr/",
        "https://amem.invalid/etc/passwd",
        "ftp://amem.invalid/static/css/pdf.css",
        "javascript:alert(1)",
    ],
)
def test_fetcher_unknown_origin_is_refused(url):
    with pytest.raises(FetchRefused):
        LocalURLFetcher().fetch(url)


@pytest.mark.parametrize("path", ["/etc/passwd", "{static}/css/pdf.css"])
def test_fetcher_file_url_is_refused(settings, path):
    static = STATIC_SOURCE

    with pytest.raises(FetchRefused):
        LocalURLFetcher().fetch("file://" + path.format(static=static))


# HTTP responses


def test_pdf_response_ascii_filename_is_inline(pdf_templates):
    response = pdf_response(
        "pdf_tests/context.html", {}, title="Badge", language="fr", filename="badge-AMEM-2024.pdf"
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="badge-AMEM-2024.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_pdf_response_arabic_filename_is_an_rfc6266_attachment(pdf_templates):
    response = pdf_response(
        "pdf_tests/context.html",
        {},
        title="شهادة حضور",
        language="ar",
        filename="شهادة حضور.pdf",
        request=RequestFactory().get("/"),
        inline=False,
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''"
        + quote("شهادة حضور.pdf", safe="")
    )


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("Attestation de présence", 'inline; filename="Attestation de presence.pdf"; '),
        ("../../etc/passwd", 'inline; filename="etc-passwd.pdf"'),
        ('a"b\r\nX-Evil: 1.pdf', 'inline; filename="a-bX-Evil- 1.pdf"'),
        ("\u202efdp.exe", 'inline; filename="fdp.exe.pdf"'),
        ("", 'inline; filename="document.pdf"'),
    ],
)
def test_content_disposition_unsafe_filename_is_cleaned(filename, expected):
    value = content_disposition(filename)

    assert value.startswith(expected)
    assert "\r" not in value
    assert "\n" not in value


# Length: how long twelve pages take is bench/pdfs.py's figure.


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_render_to_pdf_lays_out_twelve_pages(pdf_templates, language):
    pdf = render_pages(language, pages=12, rows=6)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 12
