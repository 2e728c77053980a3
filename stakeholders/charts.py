"""Charts drawn on the server as inline SVG: no JavaScript, readable by screen readers.

Each chart is an `<svg role="group">` named by its `<title>` and described by its `<desc>`; each
bar segment or point is a link (`<a href>`) to the list it counts, with a `<title>` tooltip saying
what it counts (not `role="img"`: an image's content is hidden from screen readers, its links
with it). The page shows the same figures in a table beside the chart. On a right-to-left page
the chart is mirrored: labels on the right, bars growing leftwards, time running from right to
left; the `direction` of the SVG flips what its text anchors "start" and "end" mean with it.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 640
BAR_HEIGHT = 22
ROW_GAP = 10
LABEL_WIDTH = 150
TOTAL_WIDTH = 40
LEGEND_ROW = 22
LINE_HEIGHT = 220
PADDING = 8
FONT = 'font-family="Noto Sans, Noto Sans Arabic, sans-serif" font-size="12"'

# One colour per status, in the vocabulary's order; each holds 3:1 against white and its
# neighbours differ in lightness, so the stacks read in greyscale too.
STATUS_COLOURS = {
    "not_started": "#8a94a3",
    "planned": "#5b7fb8",
    "in_progress": "#0b5cad",
    "partially_implemented": "#c27c0e",
    "implemented": "#1e7a46",
    "no_longer_relevant": "#6b4c9a",
}
LINE_COLOUR = "#0b5cad"


def _n(number):
    """A coordinate as SVG takes it: format_html() escapes its arguments into strings first."""
    return f"{number:.1f}"


def _linked(element, href, count):
    """The element inside a link to the list it counts; a zero links nowhere (an empty list)."""
    return format_html('<a href="{}">{}</a>', href, element) if count else element


class _Mirror:
    """x positions in a left-to-right drawing, mirrored on a right-to-left page."""

    def __init__(self, rtl, width=WIDTH):
        self.rtl, self.width = rtl, width

    def x(self, x, w=0):
        return self.width - x - w if self.rtl else x


def _svg(height, title, description, body, rtl, name):
    return format_html(
        '<svg class="chart {}" viewBox="0 0 {} {}" width="100%" role="group" '
        'aria-labelledby="{}-title" aria-describedby="{}-desc" direction="{}" {}>'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        name,
        WIDTH,
        height,
        name,
        name,
        "rtl" if rtl else "ltr",
        mark_safe(FONT),  # noqa: S308 - a constant of this module
        name,
        title,
        name,
        description,
        body,
    )


def _legend(series, y, mirror):
    """Coloured squares and their names, in a row (wrapping) below a chart."""
    items, x = [], 0
    for key, label in series:
        step = 24 + 7 * len(str(label))
        if x + step > WIDTH:
            x, y = 0, y + LEGEND_ROW
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}">{}</text>',
                mirror.x(x, 12),
                y,
                STATUS_COLOURS.get(key, LINE_COLOUR),
                mirror.x(x + 18),
                y + 10,
                label,
            )
        )
        x += step
    return mark_safe("".join(items)), y + LEGEND_ROW  # noqa: S308 - built with format_html


def stacked_bars(rows, series, *, title, description, rtl=False, name="chart-bars"):
    """Horizontal stacked bars: one per row, one segment per series.

    rows: [(label, [(count, href), …] in the order of `series`, (total, href))];
    series: [(key, label)]. Segments of 0 are left out; each segment links to `href`.
    """
    mirror = _Mirror(rtl)
    largest = max([total for _label, _segments, (total, _href) in rows] + [1])
    span = WIDTH - LABEL_WIDTH - TOTAL_WIDTH
    parts = []
    for index, (label, segments, (total, total_href)) in enumerate(rows):
        y = PADDING + index * (BAR_HEIGHT + ROW_GAP)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                mirror.x(LABEL_WIDTH - PADDING),
                y + 15,
                label,
            )
        )
        x = LABEL_WIDTH
        for (key, series_label), (count, href) in zip(series, segments, strict=True):
            if not count:
                continue
            width = span * count / largest
            parts.append(
                format_html(
                    '<a href="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} · {}: {}</title></rect></a>",
                    href,
                    _n(mirror.x(x, width)),
                    y,
                    _n(width),
                    BAR_HEIGHT,
                    STATUS_COLOURS.get(key, LINE_COLOUR),
                    label,
                    series_label,
                    count,
                )
            )
            x += width
        total_text = format_html(
            '<text x="{}" y="{}" font-weight="700">{}</text>', _n(mirror.x(x + 6)), y + 15, total
        )
        parts.append(_linked(total_text, total_href, total))
    legend_y = PADDING + len(rows) * (BAR_HEIGHT + ROW_GAP) + 4
    legend, height = _legend(series, legend_y, mirror)
    body = mark_safe("".join(parts) + legend)  # noqa: S308 - built with format_html
    return _svg(height, title, description, body, rtl, name)


def line(points, *, title, description, rtl=False, name="chart-line"):
    """A line over time. points: [(label, value, href)], oldest first."""
    mirror = _Mirror(rtl)
    left, right, top, bottom = 48, 48, 16, 40
    plot_width = WIDTH - left - right
    plot_height = LINE_HEIGHT - top - bottom
    largest = max([value for _label, value, _href in points] + [1])
    step = plot_width / max(len(points) - 1, 1)
    # Every label when they fit, else every n-th, so that they never overlap.
    every = max(1, round(len(points) * 60 / plot_width))

    def at(index, value):
        return mirror.x(left + index * step), top + plot_height * (1 - value / largest)

    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#4a5563"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<text x="{}" y="{}" text-anchor="end">0</text>',
        mirror.x(left),
        top + plot_height,
        mirror.x(left + plot_width),
        top + plot_height,
        mirror.x(left - 6),
        top + 10,
        largest,
        mirror.x(left - 6),
        top + plot_height,
    )
    coordinates = [at(index, value) for index, (_label, value, _href) in enumerate(points)]
    polyline = format_html(
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>',
        LINE_COLOUR,
        " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates),
    )
    dots = mark_safe(  # noqa: S308 - built with format_html
        "".join(
            _linked(
                format_html(
                    '<circle cx="{}" cy="{}" r="5" fill="{}"><title>{}: {}</title></circle>',
                    _n(x),
                    _n(y),
                    LINE_COLOUR,
                    label,
                    value,
                ),
                href,
                value,
            )
            for (label, value, href), (x, y) in zip(points, coordinates, strict=True)
        )
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (_n(x), top + plot_height + 18, label)
            for index, ((label, _value, _href), (x, _y)) in enumerate(
                zip(points, coordinates, strict=True)
            )
            if index % every == 0
        ),
    )
    body = mark_safe(axis + polyline + dots + labels)  # noqa: S308 - built with format_html
    return _svg(LINE_HEIGHT, title, description, body, rtl, name)
