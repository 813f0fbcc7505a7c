"""Which languages of the site an edit reaches, so that a translator's change to the
French text puts only the French pages out of date.

Before a watched model is saved, its row as stored is read (one query, editors' saves
only). After the save, the edit reaches only some languages when every field it changed
is the text of a language, and none of them:
- was empty or becomes empty: the item may start or stop existing in that language,
  which the other languages' pages show (their language switcher and hreflang);
- is an address (a slug): the other languages' pages link to it.
A language whose own text is empty shows a fallback's, so it is reached too. Anything
else (a status, a year, a picture, a link, a deletion, a save that changed nothing seen
here) reaches every page."""

from django.db import connections, models, router
from modeltranslation.translator import NotRegistered, translator

from citymined.content import fallback_chain, has_text

_STORED = "_stored_before_save"


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


def remember_stored_row(sender, instance, raw=False, **kwargs):
    """pre_save: the row as stored, to tell after the save what it changed."""
    columns = [field.attname for field in _compared_fields(sender)]
    stored = stored_before_save(sender, instance, columns, raw)
    if stored is not None:
        instance.__dict__[_STORED] = stored


def languages_reached(instance):
    """The languages whose pages the save of `instance` changed, or None for every page.
    Reads (and forgets) what remember_stored_row() kept."""
    stored = instance.__dict__.pop(_STORED, None) if instance is not None else None
    languages = _languages_of_columns(type(instance)) if stored is not None else None
    if not languages:
        return None
    reached = set()
    for field in _compared_fields(type(instance)):
        before = field.get_prep_value(stored[field.attname])
        after = field.get_prep_value(field.value_from_object(instance))
        if before == after:
            continue
        language = languages.get(field.attname)
        if language is None or isinstance(field, models.SlugField):
            return None
        if not (has_text(before) and has_text(after)):
            return None
        reached |= {language, *_falling_back_to(instance, field, language, languages)}
    return frozenset(reached) or None


def _falling_back_to(instance, field, language, languages):
    """The languages with no text of their own in `field` that may show `language`'s."""
    base = field.attname.removesuffix(f"_{language}")
    return {
        other
        for other in set(languages.values())
        if language in fallback_chain(other)[1:]
        and not has_text(getattr(instance, f"{base}_{other}", None))
    }


def _languages_of_columns(model):
    """Each translated column of the model and its language ({} when it has none)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        translated.attname: translated.language
        for fields in options.all_fields.values()
        for translated in fields
    }


def _compared_fields(model):
    """The stored columns an edit may change: neither the key, nor the dates Django sets
    on each save, nor what the database computes (search vectors), nor the original
    column behind each translated field (modeltranslation keeps it in step with one
    language's)."""
    try:
        originals = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        originals = set()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.generated
        and field.name not in originals
        and not getattr(field, "auto_now", False)
    ]
