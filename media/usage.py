"""Where a picture or document of the library is used: every row that points to it (a
cover, a gallery's picture, a partner's logo, whatever model it is) and every rich text
that shows it (`<figure data-image="ID">`, `data-document="ID"`).

Found without naming a model: the relations are the library item's own
(`_meta`), and the rich texts are those of every kind of content (content_models()).
The admin lists these uses on the item's form and refuses to delete an item in use."""

from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.text import capfirst

from content.fields import RichTextField
from content.models import content_models

# The attribute a rich text names a library item by, per kind of item (its model name).
REFERENCE_ATTRIBUTES = {"image": "data-image", "document": "data-document"}


@dataclass(frozen=True)
class Use:
    """One place an item is used: `item` is what staff edit (a project), `where` says
    where in it ("cover", "gallery image “Picture 1”", "text (French)")."""

    item: object
    where: str


def uses_of(library_item):
    """Every Use of `library_item`, rows pointing to it first, then rich texts."""
    return [*_related_uses(library_item), *_rich_text_uses(library_item)]


def use_counts(library_items):
    """{pk: number of uses} for many items of one model, in a fixed number of queries
    (one per relation and per kind of content), for the library's list."""
    items = list(library_items)
    if not items:
        return {}
    model = type(items[0])
    pks = [item.pk for item in items]
    counts = Counter()
    for relation in relations_to(model):
        name = relation.field.name
        rows = (
            relation.related_model._base_manager.filter(**{f"{name}__in": pks})
            .values(name)
            .annotate(uses=Count("pk"))
        )
        for row in rows:
            counts[row[name]] += row["uses"]
    for content_model, columns in rich_text_columns():
        wanted = {_reference(model, pk): pk for pk in pks}
        texts = _referring(content_model, columns, wanted).values_list(*columns)
        for values in texts:
            found = {pk for text in values for ref, pk in wanted.items() if ref in (text or "")}
            counts.update(found)
    return {pk: counts[pk] for pk in pks}


# Rows that point to the item.


def relations_to(model):
    """The relations of other models to `model` (hidden ones too): foreign keys,
    one-to-one fields and many-to-many fields. A many-to-many field with a model of its
    own between (`through`) is left to that model's foreign key, which names the row."""
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and relation.is_relation
        and not relation.related_model._meta.auto_created
        and not (relation.many_to_many and not relation.through._meta.auto_created)
    ]


def _related_uses(library_item):
    uses = []
    for relation in relations_to(type(library_item)):
        field = relation.field
        rows = relation.related_model._base_manager.filter(**{field.name: library_item})
        for row in rows.order_by("pk"):
            uses.append(_use_of_row(row, field, library_item))
    return uses


def _use_of_row(row, field, library_item):
    """A kind of content, or a model with no owner, is used as it is; a part of
    another item (a project's gallery picture) is named with the item it belongs to."""
    owner = None if type(row) in content_models() else owner_of(row, type(library_item))
    if owner is None:
        return Use(row, str(capfirst(field.verbose_name)))
    return Use(owner, f"{capfirst(row._meta.verbose_name)} “{row}”")


def owner_of(row, library_model):
    """The item a row belongs to: what it is deleted with (its first foreign key that
    cascades), unless that is the library itself; None for a row of its own."""
    for field in row._meta.concrete_fields:
        if (
            field.many_to_one
            and field.related_model is not library_model
            and field.remote_field.on_delete is models.CASCADE
        ):
            return getattr(row, field.name, None)
    return None


# Rich texts that show the item.


def rich_text_columns():
    """[(kind of content, [its rich-text columns])]: each language's column of a
    translated rich text, the column itself of one that is not translated."""
    found = []
    for model in content_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, RichTextField)]
        translated = {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
        columns = [
            f.name for f in fields if hasattr(f, "translated_field") or f.name not in translated
        ]
        if columns:
            found.append((model, columns))
    return found


def _reference(model, pk):
    return f'{REFERENCE_ATTRIBUTES[model._meta.model_name]}="{pk}"'


def _referring(content_model, columns, references):
    condition = reduce(
        or_, (Q(**{f"{column}__contains": ref}) for column in columns for ref in references)
    )
    return content_model._base_manager.filter(condition).order_by("pk")


def _rich_text_uses(library_item):
    model = type(library_item)
    if model._meta.model_name not in REFERENCE_ATTRIBUTES:
        return []
    reference = _reference(model, library_item.pk)
    uses = []
    for content_model, columns in rich_text_columns():
        for item in _referring(content_model, columns, [reference]):
            uses.extend(_rich_text_use(item, columns, reference))
    return uses


def _rich_text_use(item, columns, reference):
    """One use per rich text of `item` that names the reference, with the languages it
    does so in: "Text (Dutch, French)"."""
    by_field = {}
    for column in columns:
        if reference in (getattr(item, column, None) or ""):
            field = item._meta.get_field(column)
            base = getattr(field, "translated_field", field)
            language = getattr(field, "language", None)
            by_field.setdefault(base, []).append(language)
    uses = []
    for base, languages in by_field.items():
        names = [_language_name(code) for code in languages if code]
        label = str(capfirst(base.verbose_name))
        uses.append(Use(item, f"{label} ({', '.join(names)})" if names else label))
    return uses


def _language_name(code):
    return str(dict(settings.LANGUAGES)[code])
