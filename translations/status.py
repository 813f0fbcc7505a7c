"""Whether each translated field is complete, missing or stale in each language.

Every field registered for translation (each app's translation.py) counts, slugs
excepted: they are derived from the titles. Each item has a source language, the one
it was first written in (SourceLanguage, kept on its first save with text). A field
in another language is

- missing when it has no text a reader would see while some language has some;
- stale when the source text changed after the translation was last saved: each save
  of a translation keeps a digest and a copy of the source it was made from
  (TranslationRecord), and the translator can say a stale text is "still correct";
- complete otherwise. A field that no language has text in has nothing to translate,
  and counts as complete; so does a translation saved before records were kept, until
  its source changes.

Saves are followed by signals, wherever they come from (the admin, the shell, an
import): a save that changes a translation records the source it now matches; one
that changes only the source leaves the translations' records behind, so they turn
stale; saving both together leaves the translation up to date.

Each item's counts per language are kept in the database (StatusCount) after every
change that can alter them, so that the dashboard and the lists' filters add them up
there, at any number of items; the counts are still worked out here, by
object_status(), the one definition. Items written without signals (bulk_create(),
fixtures) or a language just added have no counts yet: the first reader works them
out (ensure_status_counts()).

The source of a field is its text in the item's source language, or, while that is
empty, in the first language of its fallbacks that has it.

Rich text is counted segment by segment (content/segments.py) when its translation
keeps the source's shape, as the translate screen writes it: each segment is missing
(a gap), stale (its source segment changed since) or complete on its own, so that a
status reads "7 of 20". A translation with a shape of its own (written whole in the
editor) counts as a whole: each of its source's segments shares its state. When the
source's shape changes, the translations aligned with it follow (realigned before the
save that changes it), and so do their records.
"""

import hashlib
from collections import defaultdict
from functools import cache

import reversion
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from django.db.models import Count, Exists, Min, OuterRef, Q, Sum
from django.db.models.signals import post_delete, post_save, pre_save
from modeltranslation.translator import NotRegistered, translator

from content.fields import RichTextField, canonical_html
from content.models import LANGUAGE_CODES, fallback_chain, has_text
from content.segments import aligned, comparable, realign, rebuild, split
from translations.models import SourceLanguage, StatusCount, TranslationRecord
from translations.signals import source_changed, translation_saved

COMPLETE, MISSING, STALE = "complete", "missing", "stale"
STATUSES = (COMPLETE, MISSING, STALE)

# Where a prefetched object keeps what prefetch_status() read for it.
_RECORDS = "_translation_records"
_SOURCE = "_translation_source_language"
_SNAPSHOT = "_translation_snapshot"
_DEFAULT_SOURCE = "_translation_default_source"
# The translations a save realigned with their source's new shape: not translated now.
_REALIGNED = "_translation_realigned"


# What is translated.


def translated_models():
    """Every concrete model with translated fields, in the order they were registered."""
    return list(translator.get_registered_models(abstract=False))


@cache
def translatable_fields(model):
    """The base names of `model`'s translated text fields, in the model's field order;
    slugs are left out: they are addresses derived from the titles, not text."""
    try:
        registered = translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if field.name in registered and not isinstance(field, models.SlugField)
    )


@cache
def part_relations(model):
    """The translated models that are parts of `model` (a project's gallery images): they
    point to it and are deleted with it. [(accessor name, part model)]."""
    registered = set(translated_models())
    return [
        (relation.get_accessor_name(), relation.related_model)
        for relation in model._meta.related_objects
        if relation.one_to_many
        and relation.related_model in registered
        and relation.on_delete is models.CASCADE
    ]


@cache
def is_part(model):
    """True for a model whose items are translated with the item they belong to."""
    return any(
        model in [part for _name, part in part_relations(owner)] for owner in translated_models()
    )


def parts_of(obj):
    """The translated parts of `obj`, from the prefetched relation when there is one."""
    return [part for name, _model in part_relations(type(obj)) for part in getattr(obj, name).all()]


# Reading the texts.


def column(field, language):
    return f"{field}_{language}"


def _value(obj, field, language):
    return getattr(obj, column(field, language), None) or ""


def digest(text):
    """The fingerprint of a source text, blind to how the editor happened to space it."""
    return hashlib.sha256(canonical_html(text).strip().encode()).hexdigest()


def segment_digest(content):
    """The short fingerprint of one segment of a source."""
    return hashlib.sha256(comparable(content).encode()).hexdigest()[:16]


def segment_digests(text):
    """The fingerprint of each segment of a source text, [] when it has none."""
    whole = split(text)
    return [segment_digest(content) for content in whole.contents()] if whole.segmentable else []


def is_rich(model, field):
    return isinstance(model._meta.get_field(field), RichTextField)


def segments_of(obj, field, language, source=None):
    """(the source's segments, the translation's) of rich text `field` translated into
    `language` segment by segment (its translation in the source's shape, or not begun);
    None when it is plain text or its translation was written whole. `source`: the text
    translated from, by default the field's source."""
    if not is_rich(type(obj), field):
        return None
    if source is None:
        _code, source = source_text(obj, field)
    target = _value(obj, field, language)
    whole = split(source)
    if not whole.segmentable or (has_text(target) and not aligned(target, source)):
        return None
    sources = whole.contents()
    return sources, split(target).contents() if has_text(target) else [""] * len(sources)


def default_source_language(texts):
    """The language with text in the most fields (`texts`: {(field, code): value}); the
    site's order settles a tie, so an item written in every language at once has the
    first one as its source."""
    counts = dict.fromkeys(LANGUAGE_CODES, 0)
    for (_field, code), value in texts.items():
        if has_text(value):
            counts[code] += 1
    return max(LANGUAGE_CODES, key=lambda code: (counts[code], -LANGUAGE_CODES.index(code)))


def source_language(obj):
    """The language `obj` was written in, which its other languages translate."""
    stored = _stored_source_language(obj)
    if stored:
        return stored
    # Asked for every field of every row of a list: worked out once per object.
    if _DEFAULT_SOURCE not in obj.__dict__:
        obj.__dict__[_DEFAULT_SOURCE] = default_source_language(_texts(obj))
    return obj.__dict__[_DEFAULT_SOURCE]


def _stored_source_language(obj):
    if not hasattr(obj, _SOURCE):
        stored = SourceLanguage.objects.filter(**_generic(obj)).values_list("language", flat=True)
        setattr(obj, _SOURCE, stored.first())
    return getattr(obj, _SOURCE)


def _texts(obj):
    return {
        (field, code): _value(obj, field, code)
        for field in translatable_fields(type(obj))
        for code in LANGUAGE_CODES
    }


def _source_of(texts, field, source):
    """(language, text) the field is translated from: the source language's text, or
    the first of its fallbacks that has some; (None, "") when no language has any."""
    ordered = [*fallback_chain(source), *LANGUAGE_CODES]
    for code in dict.fromkeys(ordered):
        if has_text(texts.get((field, code))):
            return code, texts[(field, code)]
    return None, ""


def source_text(obj, field):
    """(language, text) that `field` of `obj` is translated from."""
    texts = {(field, code): _value(obj, field, code) for code in LANGUAGE_CODES}
    return _source_of(texts, field, source_language(obj))


def source_for(obj, field, language):
    """(language, text) a translator into `language` works from: the field's source,
    or, for the source language itself, the first of its fallbacks that has text."""
    code, text = source_text(obj, field)
    if code != language:
        return code, text
    for other in fallback_chain(language)[1:]:
        if has_text(_value(obj, field, other)):
            return other, _value(obj, field, other)
    return None, ""


def recorded_source(obj, field, language):
    """The source text the translation of `field` into `language` was made from, as it
    was then; None when no record was kept."""
    return (
        TranslationRecord.objects.filter(**_generic(obj), field=field, language=language)
        .values_list("source_text", flat=True)
        .first()
    )


def can_translate(user, model, language):
    """Translators into `language` (the permission "translate_<code>") and whoever may
    change `model` may translate its items."""
    opts = model._meta
    return user.has_perm(f"{TranslationRecord._meta.app_label}.translate_{language}") or (
        user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
    )


# Statuses.


def _generic(obj):
    return {
        "content_type": ContentType.objects.get_for_model(type(obj)),
        "object_id": obj.pk,
    }


def _records(obj):
    """{(field, language): (source digest, segment digests)} of `obj`'s translations."""
    if not hasattr(obj, _RECORDS):
        rows = TranslationRecord.objects.filter(**_generic(obj)).values_list(
            "field", "language", "source_digest", "segment_digests"
        )
        setattr(
            obj, _RECORDS, {(field, code): (value, parts) for field, code, value, parts in rows}
        )
    return getattr(obj, _RECORDS)


def segment_statuses(obj, field, language):
    """The state of each segment of `field` of `obj` in `language` a reader would see,
    in order: one for a plain text; none when no language has the text (nothing to
    translate)."""
    code, text = source_text(obj, field)
    if code is None:
        return []
    whole = split(text) if is_rich(type(obj), field) else None
    segmented = whole is not None and whole.segmentable
    sources = (
        [content for content in whole.contents() if has_text(content)] if segmented else [text]
    )
    target = _value(obj, field, language)
    if language == code:
        return [COMPLETE] * len(sources)
    if not has_text(target):
        return [MISSING] * len(sources)
    recorded, recorded_parts = _records(obj).get((field, language), (None, []))
    # Without a record kept segment by segment, the whole text's digest says.
    as_whole = STALE if recorded is not None and recorded != digest(text) else COMPLETE
    if not (segmented and aligned(target, text)):
        return [as_whole] * len(sources)
    if len(recorded_parts) != len(whole.segments):
        recorded_parts = None
    statuses = []
    for index, (source, translated) in enumerate(
        zip(whole.contents(), split(target).contents(), strict=True)
    ):
        if not has_text(source):
            continue
        if not has_text(translated):
            statuses.append(MISSING)
        elif recorded_parts is None:
            statuses.append(as_whole)
        else:
            fresh = recorded_parts[index] == segment_digest(source)
            statuses.append(COMPLETE if fresh else STALE)
    return statuses


def field_status(obj, field, language):
    """COMPLETE, MISSING or STALE: the state of `field` of `obj` in `language`; a field
    with a segment missing is missing, else one with a segment stale is stale."""
    statuses = segment_statuses(obj, field, language)
    return MISSING if MISSING in statuses else STALE if STALE in statuses else COMPLETE


def object_status(obj, language, include_parts=True):
    """{"complete": n, "missing": n, "stale": n}: how many segments of the translated
    fields of `obj` are in each state in `language` (a plain text is one segment), with
    those of its parts (a project's gallery images), which are translated with it,
    unless `include_parts` is False."""
    counts = dict.fromkeys(STATUSES, 0)
    items = [obj, *(parts_of(obj) if include_parts else [])]
    for item in items:
        for field in translatable_fields(type(item)):
            for status in segment_statuses(item, field, language):
                counts[status] += 1
    return counts


def prefetch_status(objects):
    """Read what the statuses of `objects` (and of their parts) need in a fixed number
    of queries, whatever their number: for change lists and the dashboard."""
    objects = [obj for obj in objects if obj.pk is not None]
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    for model, items in by_model.items():
        relations = [name for name, _part in part_relations(model)]
        if relations:
            models.prefetch_related_objects(items, *relations)
            _load_records([part for item in items for part in parts_of(item)])
        _load_records(items)
    return objects


def _load_records(objects):
    by_model = defaultdict(dict)
    for obj in objects:
        by_model[type(obj)][obj.pk] = obj
    for model, items in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        for obj in items.values():
            setattr(obj, _RECORDS, {})
            setattr(obj, _SOURCE, None)
        records = TranslationRecord.objects.filter(
            content_type=content_type, object_id__in=list(items)
        ).values_list("object_id", "field", "language", "source_digest", "segment_digests")
        for object_id, field, code, value, parts in records:
            getattr(items[object_id], _RECORDS)[(field, code)] = (value, parts)
        sources = SourceLanguage.objects.filter(
            content_type=content_type, object_id__in=list(items)
        ).values_list("object_id", "language")
        for object_id, code in sources:
            setattr(items[object_id], _SOURCE, code)


def with_status(queryset, language, status):
    """The items of `queryset` with at least one field (theirs or their parts') in
    `status` in `language`, as a queryset: read from the kept counts, which
    object_status(), the one definition, worked out."""
    ensure_status_counts(queryset.model)
    having = _counts(queryset.model).filter(language=language, **{f"{status}__gt": 0})
    return queryset.filter(pk__in=having.values("object_id"))


# The counts kept in the database.

# Items worked out together when many lack their counts: a few queries per batch.
STORE_BATCH = 500


def _counts(model):
    return StatusCount.objects.filter(content_type=ContentType.objects.get_for_model(model))


def status_totals(model):
    """{language: {status: (fields, items, pk)}} over every item of `model`: how many
    fields are in each state, in how many items, and the pk of one of them (the
    smallest), added up in the database in one query (over an index that holds every
    column it reads), which also tells whether any item lacks its counts."""
    found = _sums(model)
    items = model._base_manager.count()
    one_each = all(found.get(code, {}).get("kept", 0) == items for code in LANGUAGE_CODES)
    if not one_each or set(found) - set(LANGUAGE_CODES):
        _repair_counts(model)
        found = _sums(model)
    return {
        code: {
            status: (
                found.get(code, {}).get(f"{status}_fields") or 0,
                found.get(code, {}).get(f"{status}_items") or 0,
                found.get(code, {}).get(f"{status}_first"),
            )
            for status in STATUSES
        }
        for code in LANGUAGE_CODES
    }


def _sums(model):
    sums = {"kept": Count("object_id")}
    for status in STATUSES:
        having = Q(**{f"{status}__gt": 0})
        sums[f"{status}_fields"] = Sum(status)
        sums[f"{status}_items"] = Count("object_id", filter=having)
        sums[f"{status}_first"] = Min("object_id", filter=having)
    rows = _counts(model).values("language").annotate(**sums).order_by()
    return {row["language"]: row for row in rows}


def ensure_status_counts(model):
    """Make the kept counts of `model` one per item and language again if they are
    not (see _repair_counts()). Two quick counts when nothing is amiss."""
    kept = _counts(model).filter(language__in=LANGUAGE_CODES).count()
    if kept != model._base_manager.count() * len(LANGUAGE_CODES):
        _repair_counts(model)


def _repair_counts(model):
    """Items written without signals (bulk_create(), a fixture) or from before a
    language was added get their counts; those of items deleted without signals (raw
    SQL) or of a language removed go."""
    items = model._base_manager.all()
    _counts(model).filter(
        ~Q(language__in=LANGUAGE_CODES) | ~Q(object_id__in=items.values("pk"))
    ).delete()
    lacking = Q()
    for code in LANGUAGE_CODES:
        lacking |= ~Exists(_counts(model).filter(language=code, object_id=OuterRef("pk")))
    store_status_counts(model, items.filter(lacking).values_list("pk", flat=True))


def store_status_counts(model, pks):
    """Work out again, and keep, the counts of the items `pks` of `model` in every
    language."""
    content_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    for start in range(0, len(pks), STORE_BATCH):
        objects = prefetch_status(
            model._base_manager.filter(pk__in=pks[start : start + STORE_BATCH])
        )
        rows = [
            StatusCount(
                content_type=content_type,
                object_id=obj.pk,
                language=code,
                **{status: counts[status] for status in STATUSES},
            )
            for obj in objects
            for code in LANGUAGE_CODES
            for counts in [object_status(obj, code)]
        ]
        StatusCount.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["content_type", "language", "object_id"],
            update_fields=list(STATUSES),
        )


@cache
def _owner_links(model):
    """[(owner model, column of the key to it)] for a part model (a gallery image)."""
    return [
        (owner, relation.field.attname)
        for owner in translated_models()
        for relation in owner._meta.related_objects
        if (relation.get_accessor_name(), relation.related_model) in part_relations(owner)
        and relation.related_model is model
    ]


def owners_of(obj):
    """The items `obj` is a part of, as stored now; [] for an item that is no part."""
    return [
        owner
        for owner_model, attname in _owner_links(type(obj))
        if (owner := owner_model._base_manager.filter(pk=getattr(obj, attname)).first())
    ]


def _forget_counts(obj):
    """Drop the kept counts of `obj` and of the items it is a part of."""
    StatusCount.objects.filter(**_generic(obj)).delete()
    for owner_model, attname in _owner_links(type(obj)):
        if getattr(obj, attname, None) is not None:
            StatusCount.objects.filter(
                content_type=ContentType.objects.get_for_model(owner_model),
                object_id=getattr(obj, attname),
            ).delete()


def _store_after_change(obj):
    """The counts of `obj` and of the items it is a part of, after it changed."""
    store_status_counts(type(obj), [obj.pk])
    for owner_model, attname in _owner_links(type(obj)):
        if getattr(obj, attname, None) is not None:
            store_status_counts(owner_model, [getattr(obj, attname)])


def _forget(obj):
    for name in (_RECORDS, _SOURCE, _DEFAULT_SOURCE):
        obj.__dict__.pop(name, None)


# Recording translations.


def mark_up_to_date(obj, field, language, user=None, segments=None):
    """The translator checked a stale translation and found it still correct: it now
    matches the current source; only the segments numbered `segments`, when given."""
    recorded = None
    if segments is not None:
        _code, text = source_text(obj, field)
        previous = recorded_source(obj, field, language)
        recorded = {(field, language): _merge_record(previous, text, set(segments))}
    _record(obj, [(field, language)], user, recorded)
    _store_after_change(obj)


def record_translations(obj, changed_fields_by_language, user=None):
    """The fields {language: [field, …]} of `obj` were translated now, from its current
    source: the ones with text are up to date, the emptied ones are missing."""
    _record(
        obj,
        [(field, code) for code, fields in changed_fields_by_language.items() for field in fields],
        user,
    )
    _store_after_change(obj)


def _merge_record(previous, source, fresh):
    """The source a translation made segment by segment now matches: the current
    source's segments numbered `fresh`, the previous record's elsewhere (the whole
    current source when the previous record is not aligned with it)."""
    if previous is None or not aligned(previous, source):
        return source
    now, then = split(source).contents(), split(previous).contents()
    return rebuild(source, [now[i] if i in fresh else then[i] for i in range(len(now))])


def _record(obj, pairs, user, recorded=None):
    """Record that each (field, language) of `pairs` matches `recorded[(field,
    language)]` (by default the current source), or forget it when it has no text."""
    keep, drop = [], Q()
    for field, code in pairs:
        source_code, text = source_text(obj, field)
        text = (recorded or {}).get((field, code), text)
        if code == source_code:
            continue
        if has_text(_value(obj, field, code)):
            keep.append(
                TranslationRecord(
                    **_generic(obj),
                    field=field,
                    language=code,
                    source_digest=digest(text),
                    source_text=text,
                    segment_digests=segment_digests(text) if is_rich(type(obj), field) else [],
                    translated_by=user,
                )
            )
        else:
            drop |= Q(field=field, language=code)
    if keep:
        TranslationRecord.objects.bulk_create(
            keep,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field", "language"],
            update_fields=[
                "source_digest",
                "source_text",
                "segment_digests",
                "translated_at",
                "translated_by",
            ],
        )
    if drop:
        TranslationRecord.objects.filter(drop, **_generic(obj)).delete()
    _forget(obj)


# Following every save.


def stored_before_save(sender, instance, columns, raw=False):
    """For a pre_save handler: `columns` of the row as stored, or None when there is no
    row yet (or a fixture is loading) or nothing may be asked: a transaction already
    failed, so the save must fail with its own error (a refused value, say), not with
    this query's."""
    if raw or instance._state.adding or instance.pk is None:
        return None
    connection = connections[router.db_for_write(sender, instance=instance)]
    if connection.in_atomic_block and connection.needs_rollback:
        return None
    return sender._base_manager.filter(pk=instance.pk).values(*columns).first()


def _snapshot(sender, instance, raw=False, **kwargs):
    """The texts as stored before this save, to tell what the save changes; the
    translations aligned with a source whose shape this save changes follow it."""
    columns = [column(f, code) for f in translatable_fields(sender) for code in LANGUAGE_CODES]
    stored = stored_before_save(sender, instance, columns, raw)
    if stored is None:
        return
    before = {
        (field, code): stored.get(column(field, code)) or ""
        for field in translatable_fields(sender)
        for code in LANGUAGE_CODES
    }
    instance.__dict__[_SNAPSHOT] = before
    instance.__dict__[_REALIGNED] = _realign_translations(instance, before)


def _realign_translations(obj, before):
    """A paragraph added to (or removed from) the source would shift every segment of
    the translations made from it: each translation this save leaves alone takes the
    source's new shape, with a gap where the source gained a segment. {(field,
    language)} of those realigned."""
    realigned = set()
    after = _texts(obj)
    rich = [field for field in translatable_fields(type(obj)) if is_rich(type(obj), field)]
    if not any(before[(f, code)] != after[(f, code)] for f in rich for code in LANGUAGE_CODES):
        return realigned
    source = source_language(obj)
    _forget(obj)
    for field in rich:
        old_code, old = _source_of(before, field, source)
        code, new = _source_of(after, field, source)
        if old_code != code or code is None or split(old).shape == split(new).shape:
            continue
        for language in LANGUAGE_CODES:
            target = after[(field, language)]
            if language == code or _differs(before[(field, language)], target):
                continue
            followed = realign(target, old, new)
            if followed is not None:
                obj.__dict__[column(field, language)] = followed
                realigned.add((field, language))
    return realigned


def _follow_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        # A version restored (django-reversion saves raw) or a backup loading: no
        # record follows, and the counts go, for the next reader to work out again
        # (a backup may bring its own, which must not clash with new ones).
        _forget_counts(instance)
        return
    before = instance.__dict__.pop(_SNAPSHOT, None) or {}
    realigned = instance.__dict__.pop(_REALIGNED, set())
    after = _texts(instance)
    changed = [
        key
        for key, value in after.items()
        if _differs(before.get(key, ""), value) and key not in realigned
    ]
    if changed or realigned:
        _forget(instance)
        _keep_source_language(instance, before, after)
        source = source_language(instance)
        user = reversion.get_user() if reversion.is_active() else None
        _record(instance, changed, user, _segments_translated_now(instance, before, after, changed))
        outdated = _keep_what_translations_were_made_from(
            instance, before, after, source, set(changed)
        )
        _tell(instance, changed, outdated, user)
    if changed or realigned or created:
        # A part made empty changes its item's counts too.
        _store_after_change(instance)


def _tell(obj, changed, outdated, user):
    """Send source_changed and translation_saved (translations/signals.py) for the item
    itself: a part's texts are translated with the item it belongs to."""
    items = owners_of(obj) or [obj]
    if outdated:
        for item in items:
            source_changed.send(type(item), instance=item, records=outdated, user=user)
    translated = {}
    for field, code in changed:
        if code != source_text(obj, field)[0] and has_text(_value(obj, field, code)):
            translated.setdefault(code, []).append(field)
    for code, fields in translated.items():
        for item in items:
            translation_saved.send(
                type(item), instance=item, language=code, fields=fields, user=user
            )


def _segments_translated_now(obj, before, after, changed):
    """{(field, language): source to record} for translations saved segment by segment:
    only the segments this save changed match the current source; the others keep
    what they were made from (a stale one stays stale)."""
    recorded = {}
    for field, language in changed:
        if not is_rich(type(obj), field):
            continue
        code, text = source_text(obj, field)
        old, new = before.get((field, language), ""), after[(field, language)]
        if language == code or not (aligned(old, text) and aligned(new, text)):
            continue
        then, now = split(old).contents(), split(new).contents()
        fresh = {i for i in range(len(now)) if comparable(then[i]) != comparable(now[i])}
        previous = recorded_source(obj, field, language)
        recorded[(field, language)] = _merge_record(previous, text, fresh)
    return recorded


def _differs(old, new):
    return canonical_html(old or "").strip() != canonical_html(new or "").strip()


def _keep_source_language(obj, before, after):
    """On the first save with text, remember the language it was written in."""
    if _stored_source_language(obj):
        return
    texts = before if any(has_text(value) for value in before.values()) else after
    if not any(has_text(value) for value in texts.values()):
        return
    SourceLanguage.objects.get_or_create(
        **_generic(obj), defaults={"language": default_source_language(texts)}
    )
    _forget(obj)


def _keep_what_translations_were_made_from(obj, before, after, source, changed):
    """A source changed under translations this save left alone: a translation with no
    record yet (made before records were kept) was made from the old source, and is
    stale now. One whose source was empty until now is its source's origin, not a
    translation of it: it stays up to date. Records kept segment by segment follow the
    source's new shape, as their translations did. Returns the records of the
    translations this change put out of date."""
    outdated = []
    for field in translatable_fields(type(obj)):
        _code, old = _source_of(before, field, source)
        code, new = _source_of(after, field, source)
        if not before or digest(old) == digest(new):
            continue
        untouched = [
            (field, language)
            for language in LANGUAGE_CODES
            if language != code
            and (field, language) not in changed
            and has_text(after[(field, language)])
        ]
        if not has_text(old):
            _record(obj, untouched, None)
            continue
        records = _records(obj)
        unrecorded = [pair for pair in untouched if pair not in records]
        _record(obj, unrecorded, None, {pair: _followed(old, old, new) for pair in unrecorded})
        if is_rich(type(obj), field) and split(old).shape != split(new).shape:
            _realign_records(obj, [pair for pair in untouched if pair in records], old, new)
        outdated += [pair for pair in untouched if _records(obj).get(pair) != digest(new)]
    if not outdated:
        return []
    pairs = Q()
    for field, code in outdated:
        pairs |= Q(field=field, language=code)
    return list(TranslationRecord.objects.filter(pairs, **_generic(obj)))


def _followed(recorded, old, new):
    """A recorded source (aligned with the `old` source) in the `new` source's shape: a
    segment the source gained is recorded as it is now (its translation is a gap)."""
    if not split(new).segmentable:
        return recorded
    gained = split(new).contents()
    return realign(recorded, old, new, filler=gained.__getitem__) or recorded


def _realign_records(obj, pairs, old, new):
    for field, language in pairs:
        recorded = recorded_source(obj, field, language)
        followed = _followed(recorded, old, new)
        if followed == recorded:
            continue
        # Who translated it, and when, stay as they were.
        TranslationRecord.objects.filter(**_generic(obj), field=field, language=language).update(
            source_text=followed,
            source_digest=digest(followed),
            segment_digests=segment_digests(followed),
        )
    _forget(obj)


def _forget_deleted(sender, instance, **kwargs):
    TranslationRecord.objects.filter(**_generic(instance)).delete()
    SourceLanguage.objects.filter(**_generic(instance)).delete()
    StatusCount.objects.filter(**_generic(instance)).delete()
    for owner_model, attname in _owner_links(sender):
        if getattr(instance, attname, None) is not None:
            store_status_counts(owner_model, [getattr(instance, attname)])


def connect_signals():
    for model in translated_models():
        pre_save.connect(_snapshot, sender=model, dispatch_uid=f"translation_snapshot_{model}")
        post_save.connect(_follow_save, sender=model, dispatch_uid=f"translation_save_{model}")
        post_delete.connect(
            _forget_deleted, sender=model, dispatch_uid=f"translation_delete_{model}"
        )
