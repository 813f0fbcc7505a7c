"""Rich text in translators' files: its tags kept out of the translator's way.

In XLIFF every tag of the source becomes a numbered inline element (`<g id="3">` around
text, `<x id="4"/>` for a line break or a rule), which OmegaT, memoQ and Trados show as
protected codes; the tags themselves (a link's address included) are taken back from the
source on import, so a translator can move or drop a code but never write a tag. In PO
the HTML stays as it is (Poedit and Weblate highlight tags as placeables), and the
sanitizer decides: markup it would strip is reported rather than silently lost."""

from collections import Counter
from html import escape
from html.parser import HTMLParser

from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline

VOID_TAGS = {"br", "hr", "img", "wbr"}


class MarkupError(ValueError):
    """The translation's inline codes do not match its source's."""


class _Tree(HTMLParser):
    """Sanitized HTML as nested [tag, attrs, children] lists (text as str)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = [None, [], []]
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = [tag, attrs, []]
        self.stack[-1][2].append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1][2].append([tag, attrs, []])

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def _parse(html):
    tree = _Tree()
    tree.feed(html or "")
    tree.close()
    return tree.root[2]


def _codes(html):
    """Each tag of `html` in document order, numbered from 1: {id: (tag, attrs)}."""
    codes = {}

    def walk(nodes):
        for node in nodes:
            if isinstance(node, list):
                codes[str(len(codes) + 1)] = (node[0], node[1])
                walk(node[2])

    walk(_parse(html))
    return codes


def to_inline(html, source_html=None):
    """The XLIFF content (a StringElem) of rich text. A translation's tags take the
    numbers of the source's same tags (`source_html`), as the import reads them back;
    MarkupError when one has no match there."""
    numbered = iter(str(number) for number in range(1, 1_000_000))
    free = list(_codes(source_html).items()) if source_html is not None else None

    def code_for(node):
        if free is None:
            return next(numbered)
        for index, (code, tag_attrs) in enumerate(free):
            if tag_attrs == (node[0], node[1]):
                del free[index]
                return code
        raise MarkupError(node[0])

    def convert(nodes):
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(node)
            elif node[0] in VOID_TAGS:
                parts.append(inline.X(id=code_for(node)))
            else:
                code = code_for(node)
                parts.append(inline.G(id=code, sub=convert(node[2])))
        return parts

    return StringElem(convert(_parse(html)))


def from_inline(elem, source_html):
    """Rich text from a translated XLIFF content, with the tags of `source_html`."""
    codes = _codes(source_html)
    return "".join(_html_of(part, codes) for part in _flatten(elem))


def _flatten(elem):
    """The text and inline codes directly inside `elem` (plain StringElems unwrapped)."""
    if isinstance(elem, str):
        return [elem]
    if type(elem) is StringElem:
        return [part for sub in elem.sub for part in _flatten(sub)]
    return [elem]


def _html_of(part, codes):
    if isinstance(part, str):
        return escape(part, quote=False)
    if not isinstance(part, inline.G | inline.X) or part.id not in codes:
        raise MarkupError(part.id)
    tag, attrs = codes[part.id]
    if (tag in VOID_TAGS) != isinstance(part, inline.X):
        raise MarkupError(part.id)
    opening = "<{}{}>".format(
        tag, "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
    )
    if tag in VOID_TAGS:
        return opening
    inner = "".join(_html_of(sub, codes) for child in part.sub for sub in _flatten(child))
    return f"{opening}{inner}</{tag}>"


def code_difference(elem, source_html):
    """The codes of the source that a translated XLIFF content lacks, and those it has
    that the source does not, each as "3 (<a>)": ([], []) when every code of the source
    is there exactly once. A code may move (word order differs between languages), but
    a code dropped glues paragraphs together or loses a link, silently."""
    codes = _codes(source_html)
    expected = Counter(list(codes))
    found = Counter(_code_ids(elem))

    def named(ids):
        return [f"{code} (<{codes[code][0]}>)" if code in codes else code for code in ids]

    return named(sorted((expected - found).elements(), key=_number)), named(
        sorted((found - expected).elements(), key=_number)
    )


def _number(code):
    return (0, int(code), "") if str(code).isdigit() else (1, 0, str(code))


def _code_ids(elem):
    if isinstance(elem, str):
        return []
    ids = [elem.id] if isinstance(elem, inline.G | inline.X) else []
    return ids + [code for sub in elem.sub for code in _code_ids(sub)]


def structure_difference(html, source_html):
    """The tags of `source_html` that `html` lacks and those it adds, by name, as
    (["<p>"], ["<li>"]): the HTML structure a PO translation must keep. Attributes may
    differ (a link may point to the page in the translation's language)."""
    expected, found = _tag_names(source_html), _tag_names(html)
    return sorted((expected - found).elements()), sorted((found - expected).elements())


def _tag_names(html):
    return Counter({tag: count for tag, count in _markup(html).items() if " " not in tag})


def stripped_markup(html, sanitize):
    """The tags and attributes of `html` that `sanitize` would take away, as written:
    ['<script>', '<a onclick="…">']. Empty when the sanitizer only tidies."""
    before, after = _markup(html), _markup(sanitize(html))
    return sorted((before - after).elements())


def _markup(html):
    found = Counter()

    def walk(nodes):
        for node in nodes:
            if isinstance(node, list):
                tag, attrs, children = node
                found[f"<{tag}>"] += 1
                found.update(f'<{tag} {name}="{value or ""}">' for name, value in attrs)
                walk(children)

    walk(_parse(html))
    return found


# One segment on the translate screen: its inline markup as a translator types it.

# Emphasis a translator may place where their language needs it.
FREE_TAGS = frozenset({"strong", "em", "b", "i", "sub", "sup", "s", "u", "code", "br"})


def to_editable(content):
    """A segment's HTML as the translate screen shows it in a text box: emphasis as its
    bare tags (<strong>…</strong>), each link as `<a id="1">…</a>`, numbered in order,
    its address kept out of the way (and out of the translator's reach)."""
    links = iter(range(1, 1_000_000))

    def write(nodes):
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(escape(node, quote=False))
            elif node[0] == "a":
                parts.append(f'<a id="{next(links)}">{write(node[2])}</a>')
            elif node[0] in VOID_TAGS:
                parts.append(f"<{node[0]}>")
            else:
                parts.append(f"<{node[0]}>{write(node[2])}</{node[0]}>")
        return "".join(parts)

    return write(_parse(content))


def _links(content):
    found = []

    def walk(nodes):
        for node in nodes:
            if isinstance(node, list):
                if node[0] == "a":
                    found.append(node[1])
                walk(node[2])

    walk(_parse(content))
    return found


def from_editable(text, source, current=""):
    """The HTML of a segment typed as to_editable() shows it. Each link of `source`
    must be there once, as `<a id="n">`; it keeps the address the translation gave it
    (`current`), else the source's. MarkupError names what is wrong: a tag that is not
    emphasis, a link the source lacks, one dropped or doubled."""
    sources, ours = _links(source), _links(current)
    used = Counter()

    def write(nodes):
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(escape(node, quote=False))
                continue
            tag, attrs, children = node
            if tag == "a":
                number = dict(attrs).get("id") or ""
                if not number.isdigit() or not 1 <= int(number) <= len(sources):
                    raise MarkupError(f'<a id="{number}">')
                used[number] += 1
                index = int(number) - 1
                chosen = ours[index] if index < len(ours) else sources[index]
                opening = "".join(f' {name}="{escape(value or "")}"' for name, value in chosen)
                parts.append(f"<a{opening}>{write(children)}</a>")
            elif tag in FREE_TAGS:
                inner = "" if tag in VOID_TAGS else f"{write(children)}</{tag}>"
                parts.append(f"<{tag}>{inner}")
            else:
                raise MarkupError(f"<{tag}>")
        return "".join(parts)

    html = write(_parse(text))
    for number in range(1, len(sources) + 1):
        if used[str(number)] != 1:
            raise MarkupError(f'<a id="{number}">')
    return html
