"""Search published pages and projects in the visitor's language.

Only the visitor's language is searched, and only items that exist in it are found: a
result always leads to a page whose text is in the language the visitor searched in.
PostgreSQL ranks with full-text search (stemming per language, accents ignored, the
matching words highlighted); other databases (SQLite, a newcomer's site) match words
in Python, ignoring case and accents."""

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from citymined.content import plain_text
from pages.models import Page
from projects.models import Project

# Created by search/migrations/0001: PostgreSQL's stemmer for the language, after unaccent.
TEXT_SEARCH_CONFIGS = {
    code: f"citymined_{language['search_config']}"
    for code, language in settings.SITE_LANGUAGES.items()
}
# What is searched: each model with the field that summarises it.
SOURCES = [(Page, "description"), (Project, "teaser")]
MAX_QUERY_LENGTH = 100
MAX_RESULTS = 200
SNIPPET_LENGTH = 240
# Markers PostgreSQL puts around matches; private-use characters never typed by anyone,
# so the text can be escaped before they become <mark>.
START, STOP = "\ue000", "\ue001"


@dataclass
class Hit:
    obj: object
    rank: float
    title: str = ""
    snippet: str = ""

    @property
    def url(self):
        return self.obj.get_absolute_url()

    @property
    def kind(self):
        return capfirst(self.obj._meta.verbose_name)


def clean_query(raw):
    """The query as typed, without control characters (PostgreSQL refuses NUL) and cut
    to a length no real question needs."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search(query, language):
    """Hits for every published item that exists in `language` and matches, best first."""
    if not query:
        return []
    find = _postgres_hits if connection.vendor == "postgresql" else _python_hits
    hits = [hit for model, summary in SOURCES for hit in find(model, summary, query, language)]
    hits = [hit for hit in hits if hit.obj.exists_in(language)]
    return sorted(hits, key=lambda hit: -hit.rank)[:MAX_RESULTS]


def highlight(hits, query, language):
    """Fill in the title and snippet, with the matches marked, of the hits shown."""
    if connection.vendor == "postgresql":
        _postgres_highlight(hits, query, language)
    else:
        for hit in hits:
            _python_highlight(hit, query, language)


def _summary_field(obj):
    return next(field for model, field in SOURCES if isinstance(obj, model))


# PostgreSQL


def _search_query(query, language):
    return SearchQuery(query, search_type="websearch", config=TEXT_SEARCH_CONFIGS[language])


def document(summary, language):
    """What is searched in one language, title first. search/migrations/0002 indexes
    exactly this expression: change it, and add a migration that rebuilds the indexes."""
    config = TEXT_SEARCH_CONFIGS[language]
    # Tags in rich text are tokens the parser recognises and the configuration drops.
    return (
        SearchVector(f"title_{language}", weight="A", config=config)
        + SearchVector(f"{summary}_{language}", weight="B", config=config)
        + SearchVector(f"body_{language}", weight="C", config=config)
    )


def _postgres_hits(model, summary, query, language):
    config = TEXT_SEARCH_CONFIGS[language]
    search_query = _search_query(query, language)
    # The index finds matches in the whole text; the rank reads only the title and the
    # summary, since ranking on the long text would mean stemming it anew for every
    # match (ten times slower for a word found everywhere). Matches in the text alone
    # come after them, in the usual order.
    headline = SearchVector(f"title_{language}", weight="A", config=config) + SearchVector(
        f"{summary}_{language}", weight="B", config=config
    )
    matches = (
        model.objects.published()
        .alias(document=document(summary, language))
        .filter(document=search_query)
        .annotate(rank=SearchRank(headline, search_query) + 0.01)
        .order_by("-rank", *model._meta.ordering)[:MAX_RESULTS]
    )
    return [Hit(obj, obj.rank) for obj in matches]


def _postgres_highlight(hits, query, language):
    config = TEXT_SEARCH_CONFIGS[language]
    search_query = _search_query(query, language)
    marks = {"config": config, "start_sel": START, "stop_sel": STOP}
    for model, summary in SOURCES:
        by_pk = {hit.obj.pk: hit for hit in hits if isinstance(hit.obj, model)}
        if not by_pk:
            continue
        body = Func(
            F(f"body_{language}"),
            Value("<[^>]+>"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        text = Concat(F(f"{summary}_{language}"), Value(" "), body, output_field=TextField())
        rows = (
            model.objects.filter(pk__in=by_pk)
            .annotate(
                title_marked=SearchHeadline(
                    f"title_{language}", search_query, highlight_all=True, **marks
                ),
                snippet_marked=SearchHeadline(
                    text,
                    search_query,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **marks,
                ),
            )
            .values_list("pk", "title_marked", "snippet_marked")
        )
        for pk, title, snippet in rows:
            by_pk[pk].title = _marked(title)
            by_pk[pk].snippet = _marked(" ".join(snippet.split()))


def _marked(text):
    safe = escape(unescape(text)).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)


# Other databases


def _fold(text):
    return "".join(
        char
        for char in unicodedata.normalize("NFKD", text.casefold())
        if not unicodedata.combining(char)
    )


def _terms(query):
    return [_fold(word) for word in re.findall(r"\w+", query)]


def _python_hits(model, summary, query, language):
    terms = _terms(query)
    if not terms:
        return []
    hits = []
    for obj in model.objects.published():
        fields = [
            _fold(getattr(obj, f"title_{language}") or ""),
            _fold(getattr(obj, f"{summary}_{language}") or ""),
            _fold(plain_text(getattr(obj, f"body_{language}"))),
        ]
        if all(any(term in field for field in fields) for term in terms):
            weights = zip(fields, (3, 2, 1), strict=True)
            rank = sum(weight for field, weight in weights for term in terms if term in field)
            hits.append(Hit(obj, rank))
    return hits


def _python_highlight(hit, query, language):
    obj = hit.obj
    summary = getattr(obj, f"{_summary_field(obj)}_{language}") or ""
    text = " ".join(f"{summary} {plain_text(getattr(obj, f'body_{language}'))}".split())
    terms = _terms(query)
    hit.title = _mark_terms(getattr(obj, f"title_{language}") or "", terms)
    folded, positions = _fold_with_positions(text)
    first = min((i for term in terms if (i := folded.find(term)) >= 0), default=0)
    start = text.rfind(" ", 0, max(positions[first] - 60, 0)) + 1 if positions else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    hit.snippet = mark_safe(prefix + _mark_terms(excerpt, terms) + suffix)


def _fold_with_positions(text):
    """The folded text, and for each of its characters the index it came from."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for part in _fold(char):
            folded.append(part)
            positions.append(index)
    return "".join(folded), positions


def _mark_terms(text, terms):
    folded, positions = _fold_with_positions(text)
    marked = [False] * len(text)
    for term in terms:
        for match in re.finditer(re.escape(term), folded):
            for i in range(match.start(), match.end()):
                marked[positions[i]] = True
    html, inside = [], False
    for char, is_marked in zip(text, marked, strict=True):
        if is_marked != inside:
            html.append("<mark>" if is_marked else "</mark>")
            inside = is_marked
        html.append(escape(char))
    if inside:
        html.append("</mark>")
    return mark_safe("".join(html))
