"""Two people's changes to the same rich text, merged block by block (paragraphs,
headings, lists, tables) when they touched different blocks, as diff3 merges lines:
one editor reworded the first paragraph, the other added a last one, and the text
keeps both. Where they changed the same block, or added blocks at the same place,
there is no merge and the editor chooses (history/clashes.py)."""

import difflib
from html.parser import HTMLParser

from content.fields import canonical_html

# Elements with no end tag: at the top level, each is a block of its own.
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


class _TopLevel(HTMLParser):
    """Where each top-level element (or run of loose text) of an HTML text starts."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.starts = []

    def _begin(self):
        if self.depth == 0:
            line, column = self.getpos()
            self.starts.append((line, column))

    def handle_starttag(self, tag, attrs):
        self._begin()
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self._begin()

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if data.strip():
            self._begin()


def blocks(html):
    """The top-level blocks of `html`, as the editor writes them (canonical_html)."""
    html = canonical_html(html)
    parser = _TopLevel()
    parser.feed(html)
    parser.close()
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    starts = sorted({line_starts[line - 1] + column for line, column in parser.starts} | {0})
    ends = [*starts[1:], len(html)]
    return [html[start:end] for start, end in zip(starts, ends, strict=True) if html[start:end]]


def merge(base, theirs, yours):
    """`theirs` and `yours`, two changed copies of the rich text `base`, as one text
    with both people's changes, or None when they changed the same block or added
    blocks at the same place."""
    base_blocks = blocks(base)
    merged = _merge(
        base_blocks, _changes(base_blocks, blocks(theirs)), _changes(base_blocks, blocks(yours))
    )
    return None if merged is None else "".join(merged)


def _changes(base, changed):
    """(start, end, new blocks) for each run of `base` that `changed` replaced; a run
    replaced by as many blocks, block by block, so that a text that already holds the
    other's change to one of them (the merged form, sent again) still merges."""
    matcher = difflib.SequenceMatcher(a=base, b=changed, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            found += [(i1 + n, i1 + n + 1, [changed[j1 + n]]) for n in range(i2 - i1)]
        elif tag != "equal":
            found.append((i1, i2, changed[j1:j2]))
    return found


def _merge(base, theirs, yours):
    kept = {(start, end): new for start, end, new in theirs}
    together = list(theirs)
    for start, end, new in yours:
        if kept.get((start, end)) == new:
            continue  # The same change on both sides.
        for their_start, their_end, _new in theirs:
            overlap = start < their_end and their_start < end
            same_place = start == end == their_start == their_end
            if overlap or same_place:
                return None
        together.append((start, end, new))
    merged, position = [], 0
    # Additions at a point go before a change that starts there.
    for start, end, new in sorted(together, key=lambda change: (change[0], change[1])):
        merged += base[position:start] + new
        position = end
    return merged + base[position:]
