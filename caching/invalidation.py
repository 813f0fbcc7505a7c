"""Which pages of the site an edit reaches, so that a translator's change to the French
text puts only the French pages out of date, and a change to a text that only the item's
own page shows (its body, a caption) leaves every other page alone.

Before a watched model is saved, its row as stored is read (one query, editors' saves
only). After the save, the edit reaches only some languages when every field it changed
is the text of a language, and none of them:
- was empty or becomes empty: the item may start or stop existing in that language,
  which the other languages' pages show (their language switcher and hreflang);
- is an address (a slug): the other languages' pages link to it.
A language whose own text is empty shows a fallback's, so it is reached too. Anything
else (a status, a year, a picture, a link, a deletion) reaches every page.

Within those languages, an edit reaches only the item's own pages when every field it
changed is one the model names in `shown_only_on_its_page`, and the pages that show every
edit (a feed carries whole texts, a sitemap each item's last change): lists, menus and
other items' pages stay as they are. So does a save of content that changed nothing, and
any change to a part that only its item's page shows (a project's gallery picture, which
names its item in `shown_only_on_page_of`)."""

import contextlib
import functools
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models, router
from django.urls import LocalePrefixPattern, NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from content.models import LANGUAGE_CODES, fallback_chain, has_text

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
    if owner_name(instance) is not None:
        return  # whatever it changes, its item's page alone
    columns = [field.attname for field in _compared_fields(sender)]
    stored = stored_before_save(sender, instance, columns, raw)
    if stored is not None:
        instance.__dict__[_STORED] = stored


@dataclass(frozen=True)
class Reach:
    """The pages a change puts out of date: those of `languages` (None: every language),
    and of those, only the item's own and the pages that show every edit when
    `own_pages`."""

    languages: frozenset | None = None
    own_pages: bool = False


EVERYWHERE = Reach()


def reach_of(instance, saved=True):
    """The pages the save (or with `saved` False, the deletion) of `instance` changed.
    Reads (and forgets) what remember_stored_row() kept."""
    stored = instance.__dict__.pop(_STORED, None) if instance is not None else None
    if owner_name(instance) is not None:
        # Part of one item's page: whatever changed, that page (unless it goes too).
        return Reach(own_pages=True) if page_owner(instance) is not None else EVERYWHERE
    columns = _translated_columns(type(instance)) if saved and stored is not None else None
    if not columns:
        return EVERYWHERE
    own_fields = getattr(instance, "shown_only_on_its_page", ())
    reached, own_pages = set(), True
    for field in _compared_fields(type(instance)):
        before = field.get_prep_value(stored[field.attname])
        after = field.get_prep_value(field.value_from_object(instance))
        if before == after:
            continue
        name, language = columns.get(field.attname, (field.name, None))
        if language is None or isinstance(field, models.SlugField):
            return EVERYWHERE
        if not (has_text(before) and has_text(after)):
            return EVERYWHERE
        own_pages = own_pages and name in own_fields
        reached |= {language, *_falling_back_to(instance, name, language, columns)}
    if reached:
        return Reach(frozenset(reached), own_pages)
    # Nothing seen here changed but the moment of the last change, which an item's own
    # page and the pages showing every edit give (its parts and links send their own
    # signals: an admin save of a project whose gallery alone changed, say).
    return Reach(own_pages=True) if own_fields else EVERYWHERE


def owner_name(instance):
    """A part that only its item's own page shows (a project's gallery picture) names
    that item's field in `shown_only_on_page_of`."""
    return getattr(instance, "shown_only_on_page_of", None)


def page_owner(instance):
    """The item whose own pages show `instance`: itself, or the item it is part of (None
    when that item is gone already)."""
    name = owner_name(instance)
    if name is None:
        return instance
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _falling_back_to(instance, name, language, columns):
    """The languages that may show `language`'s text of field `name`: those with no text
    of their own in it, and for what a page's head reads in the language of the text it
    shows (seo/head.py: the summary, a picture's description), those the item does
    not exist in, whose page shows another language's text."""
    read_in_texts_language = name == getattr(instance, "summary_field", None) or name.endswith(
        "_alt"
    )
    exists_in = getattr(instance, "exists_in", lambda other: True)
    return {
        other
        for other in {language for _name, language in columns.values()}
        if language in fallback_chain(other)[1:]
        and (
            not has_text(getattr(instance, f"{name}_{other}", None))
            or (read_in_texts_language and not exists_in(other))
        )
    }


def _translated_columns(model):
    """Each translated column of the model: its field's name and its language ({} when it
    has none)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        translated.attname: (name, translated.language)
        for name, fields in options.all_fields.items()
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


# URL names of the pages that list content, and of those among them that show every
# edit, whichever field it changed.
_listing_pages = set()
_pages_showing_every_edit = set()


def listing_pages(*url_names, show_every_edit=False):
    """Pages that list content beside those found by themselves (fixed_pages(): the
    lists, the home page, feeds): those outside the language prefixes (the sitemap), and
    those that show every edit (a feed carries whole texts, a sitemap each item's last
    change), out of date even after an edit confined to an item's own page. An app
    names them from its AppConfig.ready()."""
    _listing_pages.update(url_names)
    if show_every_edit:
        _pages_showing_every_edit.update(url_names)


def fixed_pages():
    """The URL names of the pages at a fixed address in each language (no argument): the
    home page, each section's list, its feeds, search. Any of them may list content, so
    a change reaches them all, and a new kind's list is found without being named."""
    return _fixed_pages(get_resolver())


@functools.cache
def _fixed_pages(resolver):
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            names.update(_names_without_arguments(pattern.url_patterns))
    return frozenset(names)


def _names_without_arguments(patterns, namespace=""):
    for pattern in patterns:
        if _takes_arguments(pattern.pattern):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names_without_arguments(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def _takes_arguments(pattern):
    regex = getattr(pattern, "regex", None)
    return bool(getattr(pattern, "converters", None) or (regex is not None and regex.groups))


def pages_changed(instance, reach):
    """The addresses of the pages a change of `instance` put out of date, in the
    languages it reached: the item's own, and the lists (or, after an edit confined to
    the item's own page, those that show every edit). Other pages that mention the item
    (a menu, a related item) are not listed here."""
    names = _pages_showing_every_edit if reach.own_pages else _listing_pages | fixed_pages()
    instance = page_owner(instance)
    paths = set()
    for code in LANGUAGE_CODES if reach.languages is None else sorted(reach.languages):
        with translation.override(code):
            paths.update(reverse(name) for name in names)
            if hasattr(instance, "get_absolute_url"):
                # An item may have no address in this language.
                with contextlib.suppress(NoReverseMatch):
                    paths.add(instance.get_absolute_url())
    return paths
