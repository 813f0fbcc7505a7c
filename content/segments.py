"""Rich text as segments: the paragraphs, headings, list items and table cells a
translator translates one by one, and a visitor may read in different languages.

A segment is a block whose content is text and inline markup only (links, emphasis,
line breaks): a `<p>`, an `<h2>`, an `<li>` or a `<td>` without blocks inside (in an
`<li><p>…</p></li>` the `<p>` is the segment), and a picture's caption (`<figcaption>`;
the picture itself, a reference in its `<figure>`, is part of the shape, so that every
language keeps it, content/figures.py). The blocks around them (lists, tables)
make the text's shape. Two texts with the same shape are aligned: their segments
correspond one to one, in order.

A translation made segment by segment keeps its source's shape, with the segments not
translated yet left empty (`<p></p>`): gaps. A visitor reads each gap in the first
language of their fallbacks that has that segment, marked with its `lang`; a text
whose gaps nothing aligned can fill is shown whole in another language instead, so
that a page never loses text another language has. When the source's shape changes
(a paragraph added, one removed), its aligned translations follow it (`realign()`):
an added paragraph is a gap in each of them.

The HTML is the sanitized HTML of RichTextField, whose tags are well formed: offsets
into it are enough, with no tree to build, so that showing a complete translation
costs one regular expression (`has_gaps()`)."""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from content.fields import canonical_html, has_text

# Blocks that may hold a segment's text, and blocks that only hold other blocks.
TEXT_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "figcaption"}
)
CONTAINERS = frozenset(
    {"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "div", "caption", "figure"}
)
VOID_BLOCKS = frozenset({"hr"})
_BLOCK_TAG = re.compile(
    r"<(/?)({})\b[^>]*>".format("|".join(sorted(TEXT_BLOCKS | CONTAINERS | VOID_BLOCKS))),
    re.IGNORECASE,
)
# An empty text block: a gap, or an editor's empty paragraph.
_EMPTY_BLOCK = re.compile(
    r"<(p|h[1-6]|li|td|th|pre|figcaption)\b[^>]*>(?:\s|&nbsp;|&#160;|<br\s*/?>)*</\1>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    tag: str
    # Offsets into the HTML: the opening tag starts at `start`, the content runs from
    # `inner_start` to `inner_end`.
    start: int
    inner_start: int
    inner_end: int


@dataclass(frozen=True)
class Split:
    html: str
    segments: tuple
    # The blocks, in order, without their text: what two aligned texts share.
    shape: tuple
    # False when some text lies outside every segment (loose text beside a list in a
    # list item, say): such a text is translated whole.
    segmentable: bool

    def contents(self):
        return [self.html[s.inner_start : s.inner_end] for s in self.segments]


@lru_cache(maxsize=512)
def split(html):
    """The segments and shape of rich text `html` (cached: a page's texts are split
    again by each fallback that is asked)."""
    html = html or ""
    segments, shape = [], []
    # [tag, where its opening tag starts, where it ends, whether a block is inside]
    stack = []
    for match in _BLOCK_TAG.finditer(html):
        closing, tag = match.group(1), match.group(2).lower()
        if not closing:
            if stack:
                stack[-1][3] = True
            shape.append(tag)
            if tag not in VOID_BLOCKS:
                stack.append([tag, match.start(), match.end(), False])
            continue
        while stack:
            opened, start, inner_start, has_blocks = stack.pop()
            if opened != tag:
                continue
            if tag in TEXT_BLOCKS and not has_blocks:
                segments.append(Segment(tag, start, inner_start, match.start()))
                shape.append("#")
            shape.append(f"/{tag}")
            break
    segmentable = bool(segments) and not has_text("".join(_without_segments(html, segments)))
    return Split(html, tuple(segments), tuple(shape), segmentable)


def _without_segments(html, segments):
    position = 0
    for segment in segments:
        yield html[position : segment.inner_start]
        position = segment.inner_end
    yield html[position:]


def aligned(one, other):
    """True when the texts have the same shape, so that their segments correspond."""
    first, second = split(one), split(other)
    return first.segmentable and second.segmentable and first.shape == second.shape


def has_gaps(html):
    """True when some block of `html` is empty: a segment not translated yet."""
    return bool(html) and _EMPTY_BLOCK.search(html) is not None


def rebuild(shaped, contents, languages=None):
    """The text of `shaped`'s shape with segment i holding `contents[i]`, its block
    marked `lang="…"` when `languages[i]` is given (a segment in another language)."""
    parts, position = [], 0
    whole = split(shaped)
    languages = languages or [None] * len(whole.segments)
    for segment, content, language in zip(whole.segments, contents, languages, strict=True):
        opening = shaped[segment.start : segment.inner_start]
        if language:
            opening = f'{opening[:-1].rstrip("/ ")} lang="{language}">'
        parts += [shaped[position : segment.start], opening, content]
        position = segment.inner_end
    parts.append(shaped[position:])
    return "".join(parts)


def fill_gaps(html, candidates):
    """`html` with each gap filled from the first of `candidates` ([(language, html)],
    in the order of preference) aligned with it that has text there, marked with its
    language: (text, [languages used]). None when `html` has gaps but no candidate that
    has text is aligned with it, so that the caller shows another language whole."""
    own = split(html)
    if not own.segmentable:
        return html, []
    usable = [
        (code, split(text).contents())
        for code, text in candidates
        if has_text(text) and aligned(html, text)
    ]
    if not usable:
        return (None, []) if any(has_text(text) for _code, text in candidates) else (html, [])
    contents = own.contents()
    languages = [None] * len(contents)
    for index, content in enumerate(contents):
        if has_text(content):
            continue
        for code, theirs in usable:
            if has_text(theirs[index]):
                contents[index], languages[index] = theirs[index], code
                break
    used = list(dict.fromkeys(code for code in languages if code))
    return (rebuild(html, contents, languages) if used else html), used


def comparable(content):
    """What tells two segments' contents apart: blind to the editor's spacing."""
    return canonical_html(content).strip()


def realign(text, old_source, new_source, filler=None):
    """`text`, aligned with `old_source`, made to follow `new_source`'s shape: each
    segment keeps its content where the source's segment is the same or was edited in
    place; a segment the source gained gets `filler(i)` (a gap by default); one it lost
    goes. None when `text` was not aligned with `old_source` (a translation made whole,
    which keeps its own shape)."""
    if not aligned(text, old_source) or not split(new_source).segmentable:
        return None
    old = [comparable(c) for c in split(old_source).contents()]
    new_contents = split(new_source).contents()
    new = [comparable(c) for c in new_contents]
    ours = split(text).contents()
    result = [filler(i) if filler else "" for i in range(len(new))]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation in ("equal", "replace"):
            # An edited segment keeps its translation (now out of date) in its place.
            for offset in range(min(old_end - old_start, new_end - new_start)):
                result[new_start + offset] = ours[old_start + offset]
    return rebuild(new_source, result)
