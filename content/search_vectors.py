"""The search vectors every kind of content carries, one per language of the site.

On PostgreSQL each is a stored generated column, `search_<code>`: the item's title,
summary and text in that language, stemmed and weighted (A, B, C) by the language's
text-search configuration, with a GIN index. Being fields of the model, `makemigrations`
writes them, and a search reads stored vectors instead of stemming every text again.
Other databases store NULL there and search without them (search/backends.py).

Everything derives from `settings.SITE_LANGUAGES`: a new row there gets its vectors from
`makemigrations`, and its text-search configuration from `migrate` (below)."""

import re
import unicodedata
from functools import reduce
from html import unescape
from operator import add

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from content.fields import RichTextField

# From the most to the least telling field; PostgreSQL knows four weights.
WEIGHTS = "ABCD"


def text_search_config(language):
    """The configuration that stems `language`: a copy of PostgreSQL's own whose words
    lose their accents (the unaccent extension) before the stemmer sees them."""
    return f"citymined_{settings.SITE_LANGUAGES[language]['search_config']}"


def vector_field(language):
    return f"search_{language}"


def vector_fields():
    return [vector_field(code) for code in settings.SITE_LANGUAGES]


class SearchDocument(models.Expression):
    """A weighted search vector over some fields, the first weighing most.

    On PostgreSQL, `to_tsvector()` of each field with its weight; elsewhere NULL, so that
    the same models and migrations run on SQLite, which has no vectors."""

    output_field = SearchVectorField()

    def __init__(self, *fields, config):
        if len(fields) > len(WEIGHTS):
            raise ValueError(f"A search document weighs at most {len(WEIGHTS)} fields.")
        super().__init__()
        self.vector = reduce(
            add,
            (
                SearchVector(field, weight=weight, config=config)
                for field, weight in zip(fields, WEIGHTS, strict=False)
            ),
        )

    def get_source_expressions(self):
        return [self.vector]

    def set_source_expressions(self, exprs):
        (self.vector,) = exprs

    def as_sql(self, compiler, connection):
        return "NULL", []

    def as_postgresql(self, compiler, connection):
        return compiler.compile(self.vector)


class SearchIndex(GinIndex):
    """A GIN index on PostgreSQL. Elsewhere a plain index over a column that is always
    NULL: nearly free, and it keeps one set of migrations for both databases (Django
    would write `USING gin` into SQLite's DDL)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)


class SearchVectors:
    """Adds to a model one stored vector and its index per language, over its title, its
    `summary_field` (if it declares one) and its body. Content's metaclass gives it to
    every concrete kind of content (content/models.py)."""

    def contribute_to_class(self, cls, name):
        indexes = []
        for code in settings.SITE_LANGUAGES:
            fields = ["title", cls.summary_field, "body"]
            document = SearchDocument(
                *(f"{field}_{code}" for field in fields if field),
                config=text_search_config(code),
            )
            field = models.GeneratedField(
                expression=document,
                output_field=SearchVectorField(),
                db_persist=True,
                verbose_name=format_lazy("{} [{}]", _("search vector"), code),
                # Derived from the text: fixtures and dumps need not carry it.
                serialize=False,
            )
            cls.add_to_class(vector_field(code), field)
            indexes.append(SearchIndex(fields=[vector_field(code)]))
        # A new list (the declared one belongs to the model's Meta), recorded as declared
        # too: migrations read the indexes of models whose Meta declares some.
        cls._meta.indexes = [*cls._meta.indexes, *indexes]
        cls._meta.original_attrs["indexes"] = cls._meta.indexes
        setattr(cls, name, self)


def create_text_search_configurations(using, **kwargs):
    """Creates the text-search configuration of every language that lacks one, before
    `migrate` adds vectors that use it. A pre_migrate receiver, not a migration: a
    language added to the table then needs no hand-written migration."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    wanted = {
        text_search_config(code): row["search_config"]
        for code, row in settings.SITE_LANGUAGES.items()
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config WHERE pg_ts_config_is_visible(oid) "
            "AND cfgname = ANY(%s)",
            [list(wanted)],
        )
        missing = set(wanted) - {name for (name,) in cursor.fetchall()}
        if not missing:
            return
        # Creating the extension needs a privilege PostgreSQL 13+ gives a database's owner.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        quote = connection.ops.quote_name
        for name in sorted(missing):
            source = wanted[name]
            cursor.execute(
                f"CREATE TEXT SEARCH CONFIGURATION {quote(name)} (COPY = {quote(source)})"
            )
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {quote(name)} ALTER MAPPING FOR "
                f"hword, hword_part, word WITH unaccent, {quote(source + '_stem')}"
            )


# SQLite: a full-text table per kind of content and language


def full_text_table(model, language):
    return f"{model._meta.db_table}_text_{language}"


# How much a match weighs in each indexed column, from the most telling: as PostgreSQL's
# default weights for A, B and C (1, 0.4, 0.2).
FULL_TEXT_WEIGHTS = (10.0, 4.0, 2.0)
# The SQL function the triggers read rich text through, registered on each connection.
PLAIN_TEXT_FUNCTION = "citymined_plain_text"
FOLD_FUNCTION = "citymined_fold"
# In the names of the triggers that keep the full-text tables, and of nothing else.
TRIGGER_MARK = "__keeps_on_"
TAG = re.compile(r"<[^>]*>")


def full_text_columns(model, language):
    """The columns a kind of content is searched by in `language`, the most telling
    first: as its vector on PostgreSQL."""
    return [f"{field}_{language}" for field in ("title", model.summary_field, "body") if field]


def indexed_text(html):
    """Rich text's words, for the index: the tags' names and attributes are no words of
    the text ("strong", "href"). The text was sanitized when it was saved, so every tag
    is whole and a pattern finds them: content.plain_text()'s parser would cost the
    triggers ten times as much on every write, and `migrate` on every text."""
    return unescape(TAG.sub(" ", html or ""))


def folded(text):
    """`text` in small letters without accents, as PostgreSQL's unaccent(lower()) gives
    it: "Notre Méthode" → "notre methode"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Folded(models.Func):
    """A text in small letters without accents, so that "methode" finds "méthode":
    PostgreSQL's unaccent extension (which the search configurations install), folded()
    on SQLite, small letters only elsewhere."""

    function = "LOWER"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="unaccent(lower(%(expressions)s))")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function=FOLD_FUNCTION)


def register_plain_text_function(sender, connection, **kwargs):
    """connection_created: every SQLite connection the site opens can run the triggers.
    (A write to the content's tables from outside the site, the sqlite3 shell say,
    cannot: use `manage.py shell`.)"""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            PLAIN_TEXT_FUNCTION, 1, indexed_text, deterministic=True
        )
        connection.connection.create_function(FOLD_FUNCTION, 1, folded, deterministic=True)


def _indexed_values(model, language, row):
    """The SQL for the values the table of `model`'s texts holds for `row` (new, old or
    the model's table itself)."""
    values = []
    for column in full_text_columns(model, language):
        value = f'{row}"{column}"'
        if isinstance(model._meta.get_field(column), RichTextField):
            value = f"{PLAIN_TEXT_FUNCTION}({value})"
        values.append(value)
    return ", ".join(values)


def _fill(model, language, row):
    """An INSERT into the table of `model`'s texts of the values of `row` ("new." in a
    trigger), or with `row` None, of every row of the model's table."""
    text = full_text_table(model, language)
    columns = ", ".join(f'"{column}"' for column in full_text_columns(model, language))
    values = _indexed_values(model, language, row or "")
    source = (
        f"VALUES ({row}id, {values})"
        if row
        else f'SELECT id, {values} FROM "{model._meta.db_table}"'
    )
    return f'INSERT INTO "{text}"(rowid, {columns}) {source}'


def _full_text_schema(model, language):
    """{name: CREATE statement} of the table of `model`'s texts in `language` and of the
    triggers that keep it in step with every write to the model's table (bulk_create,
    update() and restores alike, which send no signals)."""
    table, text = model._meta.db_table, full_text_table(model, language)
    columns = ", ".join(f'"{column}"' for column in full_text_columns(model, language))
    forget = f'DELETE FROM "{text}" WHERE rowid = old.id;'
    learn = f"{_fill(model, language, 'new.')};"

    def trigger(event, *steps):
        name = f"{text}{TRIGGER_MARK}{event.split()[0].lower()}"
        return (
            name,
            f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {" ".join(steps)} END',
        )

    fts5 = (
        f'CREATE VIRTUAL TABLE "{text}" USING fts5({columns}, '
        f"tokenize='unicode61 remove_diacritics 2')"
    )
    return dict(
        [
            (text, fts5),
            trigger("INSERT", learn),
            trigger("DELETE", forget),
            trigger(f"UPDATE OF {columns}", forget, learn),
        ]
    )


def drop_full_text_triggers(using, **kwargs):
    """Before `migrate` on SQLite: the triggers name the texts' columns, and SQLite
    refuses to drop a column a trigger names (a language taken out of the table, say).
    create_full_text_tables() makes them again, and fills the tables afresh."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND instr(name, %s) > 0",
            [TRIGGER_MARK],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')


def models_with_vectors():
    """The kinds of content: each carries its vectors (content.models.ContentBase)."""
    return [
        model
        for model in apps.get_models()
        if isinstance(getattr(model, "search_vectors", None), SearchVectors)
    ]


def create_full_text_tables(using, **kwargs):
    """On SQLite, the full-text tables search reads (search/backends.py), one per kind of
    content and language, made or made again after `migrate` whenever they are missing
    or differ from what the models ask (a new language, a new summary field, triggers
    dropped for the migrations: so after every `migrate`), then filled from the
    content's tables. A post_migrate receiver rather than a migration, as the vectors: a
    language added to the table needs no hand-written migration. A kind of content whose
    table or columns are not there (migrated back) is left without one."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in models_with_vectors():
            if model._meta.db_table not in tables:
                continue
            present = {
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
            for code in settings.SITE_LANGUAGES:
                if set(full_text_columns(model, code)) <= present:
                    _make_full_text_table(cursor, model, code)


def _make_full_text_table(cursor, model, language):
    schema = _full_text_schema(model, language)
    names = ", ".join("%s" for _name in schema)
    cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({names})", list(schema))
    if dict(cursor.fetchall()) == schema:
        return
    text = full_text_table(model, language)
    for name in schema:
        if name != text:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{text}"')
    for statement in schema.values():
        cursor.execute(statement)
    cursor.execute(_fill(model, language, None))
