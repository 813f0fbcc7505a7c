"""What changed between two saved versions of an item, in words staff can read.

Versions are django-reversion's: each save through the admin keeps one of the item
and of what is edited with it (its inlines). A comparison is grouped by language, as
the forms are: what changed in the Dutch text, in the French, …, and what changed in
every language at once (status, dates, links to cities and themes, added images)."""

import difflib
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationField
from reversion.models import Version

from content.models import plain_text

EVERY_LANGUAGE = gettext_lazy("In every language")
# Where a paragraph, heading or list item ends, a reader sees a break between words.
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|th|td)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Change:
    label: str
    diff: str


@dataclass
class Section:
    """The changes of one language, or of every language (code None)."""

    code: str | None
    name: str
    changes: list[Change] = field(default_factory=list)


def latest_version_id(obj):
    """The id of the last version kept of `obj`, None when it has none."""
    return Version.objects.get_for_object(obj).values_list("pk", flat=True).first()


def versions_after(obj, version_id):
    """The versions of `obj` saved after `version_id`, oldest first, with who saved them."""
    versions = Version.objects.get_for_object(obj).select_related("revision__user")
    if version_id:
        versions = versions.filter(pk__gt=version_id)
    return list(reversed(versions))


def compare(old, new):
    """The sections (one per language, then every language) of what changed from the
    version `old` to `new` of an item and of its inlines; sections without a change
    are left out."""
    sections = {code: Section(code, str(name)) for code, name in settings.LANGUAGES}
    sections[None] = Section(None, str(EVERY_LANGUAGE))
    for label, code, before, after in _field_changes(old, new):
        sections[code].changes.append(Change(label, word_diff(before, after)))
    _compare_inlines(old, new, sections)
    return [section for section in sections.values() if section.changes]


def changed_fields_in_words(old, new):
    """What changed from `old` to `new`, one phrase per language: "Dutch: title, text"."""
    return [
        format_html(
            "{}: {}",
            section.name,
            ", ".join(str(change.label) for change in section.changes),
        )
        for section in compare(old, new)
    ]


def word_diff(before, after, spoken=False):
    """`before` and `after` as one text, the words taken out in <del>, those put in in
    <ins>, so a changed word in a long text can be found at a glance. `spoken` adds,
    for screen readers (which mostly say nothing of <ins> and <del>), a hidden word
    before each: "taken out:", "put in:"."""
    old_words, new_words = before.split(), after.split()
    taken_out = _spoken(_("taken out:")) if spoken else ""
    put_in = _spoken(_("put in:")) if spoken else ""
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{taken_out}{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{put_in}{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every word was escaped above.


def _spoken(words):
    return f'<span class="visually-hidden">{escape(words)} </span>'


def _field_changes(old, new, prefix=""):
    """(label, language code or None, text before, text after) of each field that differs
    between two versions of the same object."""
    model = new._model
    before, after = old.field_dict, new.field_dict
    for model_field in compared_fields(model):
        name = model_field.attname
        old_text = display_value(model_field, before.get(name))
        new_text = display_value(model_field, after.get(name))
        if old_text != new_text:
            yield prefix + field_label(model_field), field_language(model_field), old_text, new_text


def _compare_inlines(old, new, sections):
    old_inlines, new_inlines = _inline_versions(old), _inline_versions(new)
    for key, version in new_inlines.items():
        name = _inline_name(version)
        if key not in old_inlines:
            sections[None].changes.append(Change(_("Added"), escape(name)))
            continue
        prefix = f"{name}: "
        for label, code, before, after in _field_changes(old_inlines[key], version, prefix):
            sections[code].changes.append(Change(label, word_diff(before, after)))
    for key, version in old_inlines.items():
        if key not in new_inlines:
            sections[None].changes.append(Change(_("Removed"), escape(_inline_name(version))))


def _inline_versions(version):
    """The other objects kept in the same save as `version`: its inlines."""
    return {
        (other.content_type_id, other.object_id): other
        for other in version.revision.version_set.all()
        if other.pk != version.pk
    }


def _inline_name(version):
    return f"{capfirst(version._model._meta.verbose_name)} “{version.object_repr}”"


def compared_fields(model):
    """The fields staff edit, each language's column once; not the column that
    modeltranslation keeps under the untranslated name, nor what Django fills in."""
    translated = _translated_names(model)
    fields = [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.editable and not f.primary_key and f.name not in translated and not _automatic(f)
    ]
    # Links kept through a model of their own (partners of a project) are its inlines.
    return [
        f for f in fields if not (f.many_to_many and not f.remote_field.through._meta.auto_created)
    ]


def _translated_names(model):
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _automatic(model_field):
    return getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)


def field_in_words(model_field):
    """A field's label with its language, as the comparison groups it: "Dutch: Text"."""
    code = field_language(model_field)
    if code is None:
        return str(field_label(model_field))
    return f"{dict(settings.LANGUAGES)[code]}: {field_label(model_field)}"


def field_language(model_field):
    return model_field.language if isinstance(model_field, TranslationField) else None


def field_label(model_field):
    if isinstance(model_field, TranslationField):
        return capfirst(model_field.translated_field.verbose_name)
    return capfirst(model_field.verbose_name)


def display_value(model_field, value):
    """A field's value as staff read it: plain text for rich text, the label of a
    choice, the names of linked items."""
    if value is None or value == "":
        return ""
    if isinstance(model_field, ProseEditorField):
        return plain_text(_BLOCK_END.sub(r"\g<0> ", value))
    if model_field.many_to_many:
        return _names(model_field.related_model, value)
    if model_field.many_to_one:
        return _names(model_field.related_model, [value])
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.DateTimeField):
        return formats.localize(timezone.localtime(value))
    return str(value)


def _names(model, pks):
    names = {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=pks)}
    return ", ".join(sorted(names.get(pk, _("(deleted)")) for pk in pks))


# What bringing a version back changes.

# Versions keep times in Django's JSON, to the millisecond; databases keep microseconds;
# the admin's form shows and saves them to the second (as Content's default does). Two
# moments in the same second are the same for a restore: an item saved outside the admin,
# whose time has finer digits, is not "rescheduled" by bringing back one of its versions.


@dataclass
class RevertedObject:
    """One object that reverting a revision writes: `current` is None when the revert
    creates it, `kept` None when it deletes it (an inline added since)."""

    model: type
    current: models.Model | None
    kept: models.Model | None
    changed: set = field(default_factory=set)

    @property
    def action(self):
        if self.current is None:
            return "add"
        return "delete" if self.kept is None else "change"

    def changes_publication(self, publishing_fields):
        """Whether this write publishes, unpublishes or reschedules a published item."""
        if not all(hasattr(self.model, name) for name in publishing_fields):
            return False
        if self.action == "change":
            return bool(self.changed & set(publishing_fields))
        gone_or_new = self.kept if self.current is None else self.current
        return gone_or_new.status == gone_or_new.Status.PUBLISHED


def same_moment(a, b):
    """Whether two times are equal at the precision the site edits them (the second)."""
    if a is None or b is None:
        return a == b
    return a.replace(microsecond=0) == b.replace(microsecond=0)


def reverted_objects(revision):
    """Every object that `revision.revert(delete=True)` would write or delete, with the
    fields it would change: a revision can hold many items (a translators' import writes
    them all in one), and bringing back one version brings back all of them."""
    from reversion.revisions import _follow_relations_recursive

    found, existing = [], []
    for version in revision.version_set.select_related("content_type"):
        model = version._model
        if model is None:
            continue
        # The stored object itself: `field_dict` would fetch the fields a version leaves
        # out (the search vectors) from the database, where a deleted item is not.
        kept = version._object_version.object
        current = model._default_manager.filter(pk=kept.pk).first()
        item = RevertedObject(model, current, kept)
        if current is not None:
            existing.append(current)
            item.changed = _changed_fields(version, current)
        found.append(item)
    # What the revert deletes: objects linked now (an inline added since) and not kept.
    # reversion offers no public way to follow an object's registered relations.
    kept_keys = {(type(obj), obj.pk) for obj in existing}
    for linked in {obj for current in existing for obj in _follow_relations_recursive(current)}:
        if (type(linked), linked.pk) not in kept_keys:
            found.append(RevertedObject(type(linked), linked, None))
    return found


def _changed_fields(version, current):
    kept = version._object_version
    # The fields the version keeps (not those its registration leaves out).
    names = None
    if version.format == "json":
        names = set(json.loads(version.serialized_data)[0]["fields"])
    changed = set()
    for model_field in [*current._meta.concrete_fields, *current._meta.many_to_many]:
        if model_field.primary_key or (names is not None and model_field.name not in names):
            continue
        if model_field.many_to_many:
            before = {str(pk) for pk in kept.m2m_data.get(model_field.name, [])}
            linked = getattr(current, model_field.name).values_list("pk", flat=True)
            after = {str(pk) for pk in linked}
            differs = before != after
        elif isinstance(model_field, models.DateTimeField):
            differs = not same_moment(
                getattr(kept.object, model_field.attname), getattr(current, model_field.attname)
            )
        else:
            differs = getattr(kept.object, model_field.attname) != getattr(
                current, model_field.attname
            )
        if differs and not _automatic(model_field):
            changed.add(model_field.name)
    return changed
