"""The translators' file round trip: what is missing or stale in one language goes out as
XLIFF 1.2 (OmegaT, memoQ, Trados) or PO (Poedit, Weblate), and comes back checked.

Each entry is one translated field of one item: its id (`<app>.<model>:<pk>:<field>`,
stable for as long as the item lives), the source text, the translation so far, a note
naming the item and its admin address, and a digest of the source it was exported
from. Rich text translated segment by segment (content/segments.py) goes out as one
entry per segment (`…:<field>:<n>`, the n-th of the source's blocks), each with its own
inline codes and digest: an entry comes back into its own segment, and the check of its
codes, and of its source's changes, is the segment's.

An import is checked whole before anything is written (`check_file()`): a file
with any error is refused and writes nothing; an entry whose source changed since the
export is reported and left stale; an entry whose inline codes (XLIFF) or tags (PO)
differ from its source's is refused, as it would lose paragraphs or links; an entry
identical to its source is reported and left out until the translator confirms it
(a name such as "La Pile" stays the same; a forgotten entry would show the source
language as if it were translated); empty entries (and PO's fuzzy, XLIFF's "needs
review") are what the translator has not done yet, and are skipped. What remains is a
plan of changes, shown before `apply()` writes it in one transaction, as one revision.

The formats are translate-toolkit's (XLIFF) and polib's (PO); rich text's tags are
handled by translations/markup.py. What is missing or stale, and each item's
source language, is translations/status.py's to say."""

import hashlib
from dataclasses import dataclass, field
from itertools import groupby

import polib
import reversion
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField
from lxml.etree import LxmlError
from translate.storage import xliff

from content.fields import canonical_html, has_text
from content.models import LANGUAGE_CODES, Content
from content.segments import rebuild
from translations.markup import (
    MarkupError,
    code_difference,
    from_inline,
    stripped_markup,
    structure_difference,
    to_inline,
)
from translations.status import (
    COMPLETE,
    STALE,
    can_translate,
    digest,
    field_status,
    is_part,
    mark_up_to_date,
    parts_of,
    prefetch_status,
    segment_statuses,
    segments_of,
    source_text,
    translatable_fields,
    translated_models,
)

FORMATS = {"xliff": "xlf", "po": "po"}
DIGEST_NOTE = "source-digest: "
DIGEST_GROUP = "citymined:"
# XLIFF 1.2 target states saying the translator has not finished the entry.
UNREVIEWED_STATES = ("new", "needs-")


class Xliff12Unit(xliff.xliffunit):
    namespace = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, written as version 1.2 (it reads 1.1 and 1.2)."""

    UnitClass = Xliff12Unit
    namespace = Xliff12Unit.namespace
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


@dataclass
class Entry:
    """One translated field of one item, as it goes out."""

    uid: str
    source_language: str
    source: str
    target: str
    note: str
    digest: str
    rich: bool
    stale: bool


def entry_id(obj, name, segment=None):
    uid = f"{obj._meta.label_lower}:{obj.pk}:{name}"
    return uid if segment is None else f"{uid}:{segment + 1}"


def is_rich(model, name):
    return isinstance(model._meta.get_field(name), ProseEditorField)


def may_translate(user, language, models=None):
    """May `user` translate into `language` every kind of item of `models` (all of
    them when not said)? The command line (no user) may."""
    models = translated_models() if models is None else models
    return user is None or all(can_translate(user, model, language) for model in models)


# Export.


def export_entries(language, selection=None, everything=False):
    """The entries of what is missing or stale in `language` (everything translated
    from another language, with `everything`), for the whole site or `selection`
    ({model: queryset}); an item's parts (a project's gallery images) go with it."""
    if selection is None:
        selection = {m: m._default_manager.all() for m in translated_models() if not is_part(m)}
    for queryset in selection.values():
        for obj in prefetch_status(queryset.order_by("pk")):
            for item in (obj, *parts_of(obj)):
                yield from _entries_of(item, language, everything)


def _entries_of(obj, language, everything):
    for name in translatable_fields(type(obj)):
        code, text = source_text(obj, name)
        if code in (None, language):
            continue
        segmented = segments_of(obj, name, language)
        if segmented is not None:
            yield from _segment_entries(obj, name, language, code, segmented, everything)
            continue
        status = field_status(obj, name, language)
        if status == COMPLETE and not everything:
            continue
        yield Entry(
            uid=entry_id(obj, name),
            source_language=code,
            source=text,
            target=getattr(obj, f"{name}_{language}", None) or "",
            note=_note(obj, name),
            digest=digest(text),
            rich=is_rich(type(obj), name),
            stale=status == STALE,
        )


def _segment_entries(obj, name, language, code, segmented, everything):
    sources, targets = segmented
    shown = [index for index, content in enumerate(sources) if has_text(content)]
    statuses = segment_statuses(obj, name, language)
    for number, (index, status) in enumerate(zip(shown, statuses, strict=True), start=1):
        if status == COMPLETE and not everything:
            continue
        yield Entry(
            uid=entry_id(obj, name, index),
            source_language=code,
            source=sources[index],
            target=targets[index],
            note=_note(obj, name, (number, len(shown))),
            digest=digest(sources[index]),
            rich=True,
            stale=status == STALE,
        )


def _note(obj, name, segment=None):
    note = _label(obj, name, segment)
    opts = obj._meta
    try:
        return (
            f"{note}\n{reverse(f'admin:{opts.app_label}_{opts.model_name}_change', args=[obj.pk])}"
        )
    except NoReverseMatch:  # a part, edited on its item's page
        return note


def write_file(entries, language, file_format):
    """The bytes of a translators' file in `file_format` ("xliff" or "po")."""
    writer = _write_xliff if file_format == "xliff" else _write_po
    return writer(list(entries), language)


def _write_xliff(entries, language):
    store = Xliff12File(sourcelanguage=settings.LANGUAGE_CODE, targetlanguage=language)
    # One <file> per source language: XLIFF says the source language file by file.
    by_source = sorted(entries, key=lambda entry: entry.source_language)
    for source_language, group in groupby(by_source, key=lambda entry: entry.source_language):
        name = f"content-{source_language}"
        store.switchfile(name, createifmissing=True)
        node = store.getfilenode(name)
        node.set("source-language", source_language)
        node.set("target-language", language)
        node.set("datatype", "html")
        for entry in group:
            _add_xliff_unit(store, name, entry)
    store.removedefaultfile()
    return bytes(store)


def _add_xliff_unit(store, file_name, entry):
    unit = store.addsourceunit("", file_name)
    unit.setid(entry.uid)
    unit.xmlelement.set("resname", entry.uid)
    if entry.rich:
        unit.rich_source = [to_inline(entry.source)]
    else:
        unit.source = entry.source
    unit.addnote(entry.note, origin="developer")
    if entry.target:
        _add_xliff_target(unit, entry)
    # Named after the unit: the strict XLIFF 1.2 schema wants context-group names unique
    # within the file, and strict tools refuse a file that repeats one.
    unit.createcontextgroup(
        f"{DIGEST_GROUP}{entry.uid}", [("x-source-digest", entry.digest)], "information"
    )


def _add_xliff_target(unit, entry):
    if not entry.rich:
        unit.target = entry.target
    else:
        try:
            unit.rich_target = [to_inline(entry.target, entry.source)]
        except MarkupError:
            # Tags the source lacks cannot be written as its codes: the translator
            # still sees the text so far, beside the entry.
            unit.addnote(_("Current translation: %(text)s") % {"text": entry.target}, "developer")
            return
    unit.set_state_n(unit.S_NEEDS_REVIEW if entry.stale else unit.S_TRANSLATED)


def _write_po(entries, language):
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "City Mine(d) content",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for entry in entries:
        catalogue.append(
            polib.POEntry(
                msgctxt=entry.uid,
                msgid=entry.source,
                msgstr=entry.target,
                comment=f"{entry.note}\n{DIGEST_NOTE}{entry.digest}",
                flags=["fuzzy"] if entry.stale and entry.target else [],
            )
        )
    return str(catalogue).encode()


# Reading a file back.


class FileRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Unit:
    """One entry as it comes back: `inline` is the XLIFF target of rich text."""

    uid: str
    source: str
    target: str
    digest: str
    unreviewed: bool
    inline: object = None
    source_inline: object = None


def read_file(content):
    """(language, [Unit]) of a translators' file; FileRefused when it is none."""
    text = _decode(content)
    if text.lstrip().startswith("<"):
        return _read_xliff(content)
    return _read_po(text)


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The file is not UTF-8 text: is it really a translation file?")
        ) from error


def _read_xliff(content):
    try:
        store = xliff.xlifffile.parsestring(content)
    except (LxmlError, ValueError, AssertionError, StopIteration) as error:
        raise FileRefused(
            _("The file is not valid XLIFF (%(error)s).") % {"error": str(error)[:200]}
        ) from error
    units = [_xliff_unit(unit) for unit in store.units if not unit.isheader()]
    return store.gettargetlanguage(), units


def _xliff_unit(unit):
    # Whatever the group's name: files exported before the names were made unique
    # all say "citymined".
    digests = [
        value
        for group in unit.getcontextgroupsbyattribute("purpose", "information")
        for kind, value in group
        if kind == "x-source-digest"
    ]
    target = unit.target or ""
    return Unit(
        uid=unit.xmlelement.get("resname") or unit.xmlelement.get("id") or "",
        source=unit.source or "",
        target=target,
        digest=digests[0] if digests else "",
        unreviewed=bool(target) and _xliff_state(unit).startswith(UNREVIEWED_STATES),
        inline=unit.rich_target[0] if target and unit.rich_target else None,
        source_inline=unit.rich_source[0] if unit.rich_source else None,
    )


def _xliff_state(unit):
    """The target's own state: translate-toolkit's isfuzzy() counts every target not
    approved="yes" as fuzzy, which most tools never write."""
    node = unit.getlanguageNode(lang=None, index=1)
    return (node.get("state") if node is not None else None) or ""


class _Text:
    """A PO file's text as polib cannot take it for a path: given a str that names an
    existing file, polib opens and reads that file, so a "file" whose whole content is
    a path on the server would be read from the server's disk. Not a str, this is only
    split into lines (with the encoding given, polib does not look for one either)."""

    def __init__(self, text):
        self.lines = text.splitlines()

    def splitlines(self):
        return self.lines


def _read_po(text):
    try:
        catalogue = polib.pofile(_Text(text), encoding="utf-8")
    except (OSError, ValueError) as error:
        raise FileRefused(
            _("The file is not valid XLIFF or PO (%(error)s).") % {"error": str(error)[:200]}
        ) from error
    units = [
        Unit(
            uid=entry.msgctxt or "",
            source=entry.msgid,
            target=entry.msgstr,
            digest=_po_digest(entry),
            unreviewed="fuzzy" in entry.flags,
        )
        for entry in catalogue
        if not entry.obsolete
    ]
    return catalogue.metadata.get("Language", "").replace("_", "-").lower(), units


def _po_digest(entry):
    for line in (entry.comment or "").splitlines():
        if line.startswith(DIGEST_NOTE):
            return line.removeprefix(DIGEST_NOTE).strip()
    return ""


# Checking an import.


@dataclass
class Change:
    """One field an import writes (or, `confirm`, finds still correct); or one segment
    of it (`segment`, its index), `old` and `new` being that segment's."""

    obj: object
    name: str
    old: str
    new: str
    confirm: bool = False
    segment: int | None = None
    # The segment's number among those with text, and how many there are.
    position: tuple | None = None

    @property
    def uid(self):
        return entry_id(self.obj, self.name, self.segment)

    @property
    def label(self):
        return _label(self.obj, self.name, self.position)


def _label(obj, name, position=None):
    opts = obj._meta
    label = f"{capfirst(opts.verbose_name)} “{obj}”: {opts.get_field(name).verbose_name}"
    if position is None:
        return label
    return _("%(field)s, segment %(number)s of %(total)s") % {
        "field": label,
        "number": position[0],
        "total": position[1],
    }


@dataclass
class Plan:
    language: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    # Changes whose text is the source's own, left out until the translator confirms them.
    identical: list = field(default_factory=list)
    skipped: int = 0
    unreviewed: int = 0

    @property
    def refused(self):
        return bool(self.errors)

    @property
    def writes(self):
        return [change for change in self.changes if not change.confirm]

    @property
    def confirms(self):
        return [change for change in self.changes if change.confirm]

    def fingerprint(self):
        """What the plan would do, in a few characters: apply() checks it is what the
        preview showed."""
        # The identical entries count whether confirmed or not, so that confirming them
        # (which moves them into the changes) keeps the fingerprint.
        summary = repr(
            sorted((c.uid, c.old, c.new, c.confirm) for c in self.changes + self.identical)
        )
        return hashlib.sha256(summary.encode()).hexdigest()[:32]


def check_file(content, user=None, language=None, accept_identical=()):
    """The plan of an import of `content` (bytes) by `user`, for `language` when the
    screen asked for one; its `errors` say why it is refused. Entries identical to their
    source are written only when their ids are in `accept_identical` (all, with True)."""
    plan = Plan()
    try:
        file_language, units = read_file(content)
    except FileRefused as refusal:
        plan.errors.append(("", refusal.message))
        return plan
    plan.language = file_language
    if not _check_language(plan, file_language, language):
        return plan
    objects, models = _load_objects(plan, units)
    if not may_translate(user, file_language, models):
        plan.errors.append(
            ("", _("You may not translate into %(language)s.") % _named(file_language))
        )
        return plan
    seen = set()
    for unit in units:
        if unit.uid in seen:
            plan.errors.append((unit.uid, _("This entry appears twice in the file.")))
        seen.add(unit.uid)
        _check_unit(plan, unit, objects)
    accepted = [
        change
        for change in plan.identical
        if accept_identical is True or change.uid in accept_identical
    ]
    plan.changes += accepted
    plan.identical = [change for change in plan.identical if change not in accepted]
    return plan


def _named(language):
    return {"language": dict(settings.LANGUAGES).get(language, language)}


def _check_language(plan, file_language, expected):
    if not file_language:
        plan.errors.append(("", _("The file does not say which language it translates into.")))
    elif file_language not in LANGUAGE_CODES:
        plan.errors.append(
            (
                "",
                _("The file translates into “%(code)s”, which is not a language of this site.")
                % {"code": file_language},
            )
        )
    elif expected and file_language != expected:
        plan.errors.append(
            (
                "",
                _("The file translates into %(found)s, not %(expected)s.")
                % {
                    "found": _named(file_language)["language"],
                    "expected": _named(expected)["language"],
                },
            )
        )
    return not plan.errors


def _parse_id(uid):
    """(model, pk, field name, segment index or None) of an entry id, None when it
    names no translated field."""
    try:
        label, pk, name, *segment = uid.split(":")
        model = apps.get_model(label)
    except (ValueError, LookupError):
        return None
    if model not in translated_models() or len(segment) > 1:
        return None
    if segment and not (segment[0].isdigit() and int(segment[0]) > 0):
        return None
    return model, pk, name, int(segment[0]) - 1 if segment else None


def _load_objects(plan, units):
    """{(model, pk): obj} of the items the file names, fetched together; the models."""
    wanted = {}
    for unit in units:
        parsed = _parse_id(unit.uid)
        if parsed:
            wanted.setdefault(parsed[0], set()).add(parsed[1])
    objects = {}
    for model, pks in wanted.items():
        found = model._default_manager.filter(pk__in=[pk for pk in pks if pk.isdigit()])
        objects.update({(model, str(obj.pk)): obj for obj in prefetch_status(found)})
    return objects, list(wanted)


def _check_unit(plan, unit, objects):
    parsed = _parse_id(unit.uid)
    if parsed is None:
        plan.errors.append((unit.uid, _("This entry names nothing on this site.")))
        return
    model, pk, name, segment = parsed
    obj = objects.get((model, pk))
    if obj is None:
        plan.errors.append(
            (unit.uid, _("This item no longer exists: remove the entry, or export again."))
        )
        return
    if name not in translatable_fields(model):
        plan.errors.append((unit.uid, _("This item has no translated field of that name.")))
        return
    if not unit.target.strip():
        plan.skipped += 1
        return
    if unit.unreviewed:
        plan.unreviewed += 1
        return
    code, text = source_text(obj, name)
    if code == plan.language:
        plan.errors.append(
            (
                unit.uid,
                _("This field is written in this language: it is the source, not a translation."),
            )
        )
        return
    position = None
    if segment is not None:
        found = _segment_source(plan, unit, obj, name, segment)
        if found is None:
            return
        text, position = found
    if (unit.digest or _file_source_digest(unit, text, model, name)) != digest(text):
        plan.stale.append(
            (
                unit.uid,
                _(
                    "The source text changed since the export: this entry was left as it "
                    "was, and stays out of date."
                ),
            )
        )
        return
    value = _value_of(plan, unit, obj, name, text, position)
    if value is not None:
        _plan_change(plan, obj, name, value, text, segment, position)


def _segment_source(plan, unit, obj, name, segment):
    """(the source segment a segment's entry translates, (its number, how many)); None,
    with the entry reported, when the field is no longer translated by segments there
    (the source's shape changed, or the translation was rewritten whole)."""
    segmented = segments_of(obj, name, plan.language)
    if segmented is not None and segment < len(segmented[0]) and has_text(segmented[0][segment]):
        sources = segmented[0]
        shown = [index for index, content in enumerate(sources) if has_text(content)]
        return sources[segment], (shown.index(segment) + 1, len(shown))
    plan.stale.append(
        (
            unit.uid,
            _(
                "This segment is no longer where the export found it (the source's "
                "paragraphs changed, or the translation was rewritten whole): this entry "
                "was left out. Export again."
            ),
        )
    )
    return None


def _file_source_digest(unit, text, model, name):
    """The digest of the source the file carries, for a tool that dropped ours."""
    if is_rich(model, name) and unit.source_inline is not None:
        try:
            return digest(from_inline(unit.source_inline, text))
        except MarkupError:
            return ""
    return digest(unit.source)


def _value_of(plan, unit, obj, name, source, position=None):
    """The text to store for `unit`, None (with an error) when it cannot be stored."""
    model_field = obj._meta.get_field(f"{name}_{plan.language}")
    value = unit.target
    if is_rich(type(obj), name):
        if unit.inline is not None:
            missing, extra = code_difference(unit.inline, source)
            if missing or extra:
                plan.errors.append(
                    (unit.uid, _codes_message(_label(obj, name, position), missing, extra))
                )
                return None
            try:
                value = from_inline(unit.inline, source)
            except MarkupError as error:
                plan.errors.append(
                    (
                        unit.uid,
                        _("Inline code %(code)s is not one of the source's codes.")
                        % {"code": error},
                    )
                )
                return None
        stripped = stripped_markup(value, model_field.sanitize)
        if stripped:
            plan.errors.append(
                (
                    unit.uid,
                    _("The site would remove this markup: %(markup)s.")
                    % {"markup": ", ".join(stripped)},
                )
            )
            return None
        value = model_field.sanitize(value)
        missing, extra = structure_difference(value, source)
        if missing or extra:
            plan.errors.append(
                (unit.uid, _tags_message(_label(obj, name, position), missing, extra))
            )
            return None
    try:
        model_field.clean(value, obj)
    except ValidationError as error:
        plan.errors.append((unit.uid, " ".join(error.messages)))
        return None
    return value


def _codes_message(label, missing, extra):
    return _(
        "%(item)s: the translation's inline codes differ from the source's "
        "(missing: %(missing)s; not in the source: %(extra)s). Keep each code of the "
        "source once: they hold its paragraphs, links and emphasis."
    ) % {
        "item": label,
        "missing": ", ".join(missing) or "—",
        "extra": ", ".join(extra) or "—",
    }


def _tags_message(label, missing, extra):
    return _(
        "%(item)s: the translation's HTML differs from the source's "
        "(missing: %(missing)s; not in the source: %(extra)s). Keep each tag of the "
        "source: they hold its paragraphs, links and emphasis."
    ) % {
        "item": label,
        "missing": " ".join(missing) or "—",
        "extra": " ".join(extra) or "—",
    }


def _same_text(one, other):
    return canonical_html(one).strip() == canonical_html(other).strip()


def _plan_change(plan, obj, name, value, source, segment=None, position=None):
    if segment is None:
        old = getattr(obj, f"{name}_{plan.language}", None) or ""
        stale = field_status(obj, name, plan.language) == STALE
    else:
        old = segments_of(obj, name, plan.language)[1][segment]
        stale = _segment_status(obj, name, plan.language, segment) == STALE
    if not _same_text(old, value):
        change = Change(obj, name, old, value, segment=segment, position=position)
        (plan.identical if _same_text(value, source) else plan.changes).append(change)
    elif stale:
        plan.changes.append(
            Change(obj, name, old, value, confirm=True, segment=segment, position=position)
        )


def _segment_status(obj, name, language, segment):
    sources = segments_of(obj, name, language)[0]
    shown = [index for index, content in enumerate(sources) if has_text(content)]
    return segment_statuses(obj, name, language)[shown.index(segment)]


# Writing.


def apply(plan, user=None, comment=""):
    """Write the plan's changes, all or none, as one revision by `user`."""
    if plan.refused:
        raise ValueError("a refused import writes nothing")
    by_object = {}
    for change in plan.changes:
        by_object.setdefault((type(change.obj), change.obj.pk), []).append(change)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for (model, pk), changes in by_object.items():
            _write_object(
                model._default_manager.select_for_update().get(pk=pk), changes, plan.language, user
            )


def _write_object(obj, changes, language, user):
    writes = [change for change in changes if not change.confirm]
    for change in writes:
        if change.segment is None:
            setattr(obj, f"{change.name}_{language}", change.new)
    for name in {change.name for change in writes if change.segment is not None}:
        _write_segments(obj, name, language, [c for c in writes if c.name == name])
    if writes:
        _give_address(obj, language)
        obj.save()
    for change in changes:
        if change.confirm:
            segments = None if change.segment is None else [change.segment]
            mark_up_to_date(obj, change.name, language, user, segments)


def _write_segments(obj, name, language, changes):
    """The field with each changed segment in its place, the others as they were (a
    segment not translated yet stays a gap)."""
    sources, targets = segments_of(obj, name, language)
    for change in changes:
        if change.segment is not None:
            targets[change.segment] = change.new
    _code, text = source_text(obj, name)
    setattr(obj, f"{name}_{language}", rebuild(text, targets))


def _give_address(obj, language):
    """An item that gets its first title in a language gets an address there, made from
    it, as the editor's form would have asked for."""
    if not isinstance(obj, Content) or getattr(obj, f"slug_{language}", None):
        return
    base = slugify(getattr(obj, f"title_{language}", "") or "")[:90]
    if not base:
        return
    candidate, number = base, 1
    while type(obj)._default_manager.with_slug(candidate).exclude(pk=obj.pk).exists() or (
        obj.slug_conflict(candidate, language)
    ):
        number += 1
        candidate = f"{base}-{number}"
    setattr(obj, f"slug_{language}", candidate)
