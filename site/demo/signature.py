"""The demo signatory's signature: a pen scribble drawn with Pillow when the demo loads, so the
demo needs no image file. A PNG with a transparent background, as staff are asked to upload.

The stroke is a trochoid (the loops of joined-up handwriting) whose loops shrink towards the
end, then an underline; drawn four times larger and scaled down, so its edges are smooth.
"""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

TITLE = "Demo signature"
WIDTH, HEIGHT = 600, 200
SCALE = 4  # supersampling
INK = (20, 40, 110, 255)  # a ballpoint's blue


def image():
    """The demo signature as a Wagtail image: found by its title, or created."""
    Image_ = get_image_model()
    existing = Image_.objects.filter(title=TITLE).first()
    if existing is not None:
        return existing
    file = ImageFile(io.BytesIO(png()), name="demo-signature.png")
    return Image_.objects.create(title=TITLE, file=file)


def png() -> bytes:
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(canvas)
    pen.line(_stroke(), fill=INK, width=3 * SCALE, joint="curve")
    pen.line(_underline(), fill=INK, width=2 * SCALE, joint="curve")
    out = io.BytesIO()
    canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def _stroke():
    points = []
    steps = 400
    for step in range(steps + 1):
        t = step / steps * 9 * math.pi
        fade = 1 - 0.5 * step / steps
        x = 50 + 16 * t - 30 * fade * math.sin(t)
        y = 100 + 45 * fade * math.cos(t) - 12 * math.sin(t / 3)
        points.append((x * SCALE, y * SCALE))
    return points


def _underline():
    return [
        ((60 + 5 * n) * SCALE, (165 - 12 * math.sin(n / 100 * math.pi) + n / 10) * SCALE)
        for n in range(0, 101)
    ]
