"""Pictures in rich text, stored by reference and drawn when the text is shown.

The editor inserts a library picture as

    <figure data-image="12" data-align="left"><figcaption>A caption</figcaption></figure>

with no address, size or description: those belong to the picture, so that a changed
description or file shows in every text that uses it. The figcaption is optional, and
plain text (a translator translates it like a paragraph, content/segments.py).

The sanitizer (content/fields.py) keeps only that shape: `library_figures()` runs after
nh3, which has already removed every other tag and attribute. Drawing the picture is
the library's job (media/), which this layer cannot import: media registers its drawing
function with `draw_pictures_with()` when it is ready, and `with_pictures()` (used by
`{% translated %}` and `shown_text()`) calls it."""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

ALIGNMENTS = ("centre", "left", "right", "wide")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})
DEFAULT_ALIGNMENT = "centre"
_ID = re.compile(r"[1-9][0-9]{0,18}")
# A reference as library_figures() writes it; a caption filled in from another
# language carries that language's `lang` (segments.rebuild()).
FIGURE = re.compile(
    r'<figure data-image="([0-9]+)" data-align="([a-z]+)">'
    r"(?:<figcaption([^>]*)>(.*?)</figcaption>)?</figure>",
    re.DOTALL,
)


def allowed_attribute(element, attribute, value):
    """nh3's filter: a figure's picture is a number, nothing else (no address)."""
    if element == "figure" and attribute == "data-image":
        return value if _ID.fullmatch(value.strip()) else None
    return value


SANITIZER_OPTIONS = {
    "tags": {"figure", "figcaption"},
    "attributes": {"figure": {"data-image"}},
    "tag_attribute_values": {"figure": {"data-align": set(ALIGNMENTS)}},
}


class _Figures(HTMLParser):
    """Rewrites sanitized HTML so that a figure is only a reference to a picture with
    an optional plain-text caption. A figure that names no picture is unwrapped (its
    text stays); a figure inside a figure, and anything else inside one, goes."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.figure = None  # the figure being read: {"caption": [...] or None}
        self.depth = 0  # tags open inside it
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if self.figure is not None:
            if tag in _VOID:
                return
            self.depth += 1
            if tag == "figcaption" and self.depth == 1 and self.figure["caption"] is None:
                self.figure["caption"] = []
                self.in_caption = True
            return
        if tag == "figure":
            found = dict(attrs)
            image = (found.get("data-image") or "").strip()
            if _ID.fullmatch(image):
                align = found.get("data-align")
                align = align if align in ALIGNMENTS else DEFAULT_ALIGNMENT
                self.figure = {"image": image, "align": align, "caption": None}
                self.depth = 0
            return
        if tag == "figcaption":
            return
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if self.figure is None and tag not in ("figure", "figcaption"):
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.figure is not None:
            if self.depth == 0:
                if tag == "figure":
                    self._close_figure()
                return
            self.depth -= 1
            if tag == "figcaption" and self.depth == 0:
                self.in_caption = False
            return
        if tag not in ("figure", "figcaption"):
            self.out.append(f"</{tag}>")

    def _close_figure(self):
        figure, self.figure, self.in_caption = self.figure, None, False
        opening = f'<figure data-image="{figure["image"]}" data-align="{figure["align"]}">'
        caption = figure["caption"]
        inner = "" if caption is None else f"<figcaption>{''.join(caption).strip()}</figcaption>"
        self.out.append(f"{opening}{inner}</figure>")

    def _text(self, text):
        if self.figure is None:
            self.out.append(text)
        elif self.in_caption:
            self.figure["caption"].append(text)

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def result(self):
        self.close()
        if self.figure is not None:
            self._close_figure()
        return "".join(self.out)


def library_figures(html):
    """`html` (already through nh3) with its figures reduced to references to library
    pictures."""
    if not html or "<fig" not in html:
        return html
    parser = _Figures()
    parser.feed(html)
    return parser.result()


@dataclass(frozen=True)
class Reference:
    """A picture as a text refers to it."""

    image_id: int
    align: str
    # The caption typed in the text (sanitized HTML: text and entities), and the
    # attributes of its figcaption (a `lang` when it comes from another language).
    caption: str
    caption_attributes: str


def picture_ids(html):
    """The library pictures a text refers to (for the library's list of uses)."""
    return {int(match[1]) for match in FIGURE.finditer(html or "")}


_draw = None


def draw_pictures_with(function):
    """Called by the library when it is ready: `function(references, language)`
    returns the HTML of each reference, in order ("" for a picture that is gone), for a
    text written in `language`."""
    global _draw
    _draw = function


def with_pictures(html, language):
    """Rich text `html`, written in `language`, with each reference to a picture drawn
    as the picture (or removed, when the picture is gone or nothing can draw it)."""
    if not html or "<figure" not in html:
        return html
    found = list(FIGURE.finditer(html))
    if not found:
        return html
    references = [
        Reference(int(match[1]), match[2], match[4] or "", match[3] or "") for match in found
    ]
    drawn = _draw(references, language) if _draw else [""] * len(found)
    parts, position = [], 0
    for match, picture in zip(found, drawn, strict=True):
        parts += [html[position : match.start()], picture]
        position = match.end()
    parts.append(html[position:])
    return "".join(parts)


def caption_attributes(attributes):
    """A figcaption's attributes as stored in a shown text: only its `lang`."""
    found = re.search(r'\blang="([A-Za-z-]+)"', attributes or "")
    return f' lang="{escape(found[1])}"' if found else ""
