"""Search published content in the visitor's language.

Every kind of content is searched (`content_models()`), over the fields it declares: its
title, its `summary_field` and its text. Only the visitor's language is searched, and
only items that exist in it are found: a result always leads to a page whose text is in
the language the visitor searched in.

PostgreSQL matches and ranks with the vectors each item stores per language
(content/search_vectors.py: stemming, accents ignored, the title weighing most) and
highlights the matching words. SQLite (a newcomer's site) has no stemming: it finds the
words, or words starting with them, ignoring case and accents, in the full-text table
of each kind of content and language (SQLite's FTS5, kept by triggers), ranked by BM25
with PostgreSQL's weights. Both show at most MAX_RESULTS items, however many match; on
PostgreSQL only the newest RANKED_PER_KIND matches of each kind are ranked."""

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from content.models import content_models, plain_text
from content.search_vectors import (
    FULL_TEXT_WEIGHTS,
    full_text_table,
    text_search_config,
    vector_field,
)

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 200
# On PostgreSQL, how many of the newest matches of each kind are ranked.
RANKED_PER_KIND = 1000
SNIPPET_LENGTH = 240
# Markers PostgreSQL puts around matches; private-use characters never typed by anyone,
# so the text can be escaped before they become <mark>.
START, STOP = "\ue000", "\ue001"


@dataclass
class Hit:
    # On PostgreSQL only what decides whether the item is found is loaded, until
    # highlight() loads the hits shown in full.
    obj: object
    rank: object
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
    """Hits for every published item that exists in `language` and matches, best first:
    one query over every kind of content, however many kinds and items there are."""
    if not _words(query):
        return []
    matches = _postgres_matches if connection.vendor == "postgresql" else _sqlite_matches
    # PostgreSQL ranks the newest RANKED_PER_KIND matches of each kind: a word found in
    # every text would otherwise have every item ranked, and slow down with the archive.
    newest, most = (["-pk"], RANKED_PER_KIND) if matches is _postgres_matches else ([], None)
    models = content_models()
    width = max(len(model.required_translations) for model in models)
    found = [
        matches(model.objects.published().with_text_in(language), query, language)
        .annotate(kind=Value(index), **_deciding_columns(model, language, width))
        .order_by(*newest)
        .values_list("kind", "pk", "rank", *(f"deciding_{n}" for n in range(width)))[:most]
        for index, model in enumerate(models)
    ]
    ranked = found[0].union(*found[1:], all=True).order_by("-rank", "kind", "pk")
    hits = [
        Hit(_with_deciding_fields(models[kind], pk, texts, language), rank)
        for kind, pk, rank, *texts in ranked[:MAX_RESULTS]
    ]
    return [hit for hit in hits if hit.obj.exists_in(language)]


def _deciding_columns(model, language, width):
    """A word found in every text finds every item: only what `exists_in` asks is read
    for each (as many columns for every kind), until highlight() reads the hits shown in
    full."""
    columns = [F(f"{field}_{language}") for field in model.required_translations]
    columns += [Value("")] * (width - len(columns))
    return {f"deciding_{n}": column for n, column in enumerate(columns)}


def _with_deciding_fields(model, pk, texts, language):
    names = [f"{field}_{language}" for field in model.required_translations]
    return model.from_db(None, [model._meta.pk.attname, *names], [pk, *texts[: len(names)]])


def highlight(hits, query, language):
    """Fill in the title and snippet, with the matches marked, of the hits shown."""
    if connection.vendor == "postgresql":
        _postgres_highlight(hits, query, language)
    else:
        _load_in_full(hits)
        for hit in hits:
            _simple_highlight(hit, query, language)


def _summary_column(model, language):
    """Where the summary is, for kinds of content that declare one."""
    return f"{model.summary_field}_{language}" if model.summary_field else None


# PostgreSQL


def _search_query(query, language):
    return SearchQuery(
        _meant_minus_signs(query), search_type="websearch", config=text_search_config(language)
    )


def _meant_minus_signs(query):
    """The query with only the minus signs a visitor means: in a hyphenated word, or
    before a word or quote to leave it out. PostgreSQL reads any other minus as one more
    NOT around what follows, and a few dozen of them overflow its parser."""

    def keep(match):
        before = query[match.start() - 1 : match.start()]
        after = query[match.end() : match.end() + 1]
        hyphen = before.isalnum() and after.isalnum()
        exclusion = (not before or before.isspace()) and (after.isalnum() or after == '"')
        return "-" if hyphen or exclusion else " "

    return re.sub("-", keep, query)


def _postgres_matches(items, query, language):
    search_query = _search_query(query, language)
    vector = vector_field(language)
    return items.filter(**{vector: search_query}).annotate(rank=SearchRank(F(vector), search_query))


def _postgres_highlight(hits, query, language):
    search_query = _search_query(query, language)
    marks = {"config": text_search_config(language), "start_sel": START, "stop_sel": STOP}
    for model in content_models():
        by_pk = {hit.obj.pk: hit for hit in hits if isinstance(hit.obj, model)}
        if not by_pk:
            continue
        shown = model.objects.filter(pk__in=by_pk).annotate(
            title_marked=SearchHeadline(
                f"title_{language}", search_query, highlight_all=True, **marks
            ),
            snippet_marked=SearchHeadline(
                _plain_text_sql(model, language),
                search_query,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        for obj in shown:
            hit = by_pk[obj.pk]
            hit.obj = obj
            hit.title = _marked(obj.title_marked)
            hit.snippet = _marked(" ".join(obj.snippet_marked.split()))


def _plain_text_sql(model, language):
    """The summary and the text without its tags, as one text."""
    body = Func(
        F(f"body_{language}"),
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    column = _summary_column(model, language)
    summary = F(column) if column else Value("")
    return Concat(summary, Value(" "), body, output_field=TextField())


def _marked(text):
    safe = escape(unescape(text)).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)


# SQLite


def _sqlite_matches(items, query, language):
    # Every word, or a word starting with it (the table's tokenizer folds case and
    # accents in the query as in the texts).
    match = " ".join(f'"{word}"*' for word in _words(query))
    model = items.model
    table = full_text_table(model, language)
    weights = ", ".join(str(weight) for weight in FULL_TEXT_WEIGHTS)
    row = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    # A join, for bm25() to rank each match in the one pass that finds them; lower is
    # better.
    return items.extra(
        select={"rank": f'-bm25("{table}", {weights})'},
        tables=[table],
        where=[f'"{table}".rowid = {row}', f'"{table}" MATCH %s'],
        params=[match],
    )


def _load_in_full(hits):
    for model in content_models():
        shown = model.objects.in_bulk([hit.obj.pk for hit in hits if isinstance(hit.obj, model)])
        for hit in hits:
            if isinstance(hit.obj, model):
                hit.obj = shown[hit.obj.pk]


def _fold(text):
    return "".join(
        char
        for char in unicodedata.normalize("NFKD", text.casefold())
        if not unicodedata.combining(char)
    )


def _words(query):
    return re.findall(r"\w+", query)


def _terms(query):
    return [_fold(word) for word in _words(query)]


def _plain_text(obj, language):
    """The summary and the text, as a reader hears them."""
    column = _summary_column(type(obj), language)
    summary = (getattr(obj, column) or "") if column else ""
    return " ".join(f"{summary} {plain_text(getattr(obj, f'body_{language}'))}".split())


def _simple_highlight(hit, query, language):
    obj = hit.obj
    text = _plain_text(obj, language)
    terms = _terms(query)
    hit.title = _mark_terms(getattr(obj, f"title_{language}") or "", terms)
    folded, positions = _fold_with_positions(text)
    first = min(
        (match.start() for term in terms if (match := _word_start(term).search(folded))), default=0
    )
    start = text.rfind(" ", 0, max(positions[first] - 60, 0)) + 1 if positions else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    hit.snippet = mark_safe(prefix + _mark_terms(excerpt, terms) + suffix)


def _word_start(term):
    """`term` where a word starts with it, as the full-text table finds it."""
    return re.compile(rf"(?<!\w){re.escape(term)}")


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
        for match in _word_start(term).finditer(folded):
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
