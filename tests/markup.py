"""Reading rendered HTML back: what a form's labels point at."""

from html.parser import HTMLParser

CONTROLS = {"input", "select", "textarea"}


class _FormReader(HTMLParser):
    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.labels, self.controls = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_class in (attrs.get("class") or "").split()
        elif self.inside and tag == "label":
            self.labels.append(attrs.get("for"))
        elif self.inside and tag in CONTROLS and attrs.get("id"):
            self.controls.add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_labels(html, form_class):
    """The `for` of each label of the form of class `form_class`, and the ids of its controls."""
    reader = _FormReader(form_class)
    reader.feed(html)
    return reader.labels, reader.controls
