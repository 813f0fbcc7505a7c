"""Two editors in the same form: what each changed since the version both opened,
merged where they changed different fields, and laid side by side where they changed
the same one.

The form carries the version it was opened on (`based_on_version`), and keeps carrying
it after a refusal. When someone else saved since, each field is looked at three times:
as it was in that version (the base), as the other editor saved it (theirs: what the
item holds now) and as posted (yours). A field changed on one side only keeps that
change. A field changed on both sides, differently, is a clash: the form is refused,
shows both changes against the base, and saves only once the editor has chosen for it,
theirs or yours with one click, or has edited it. A choice holds for the value it
was made against: if a third save changes that field again, the editor is asked again."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, time
from itertools import pairwise

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django_prose_editor.fields import ProseEditorField
from reversion.models import Version

from content.fields import canonical_html
from history import changes, merging

THEIRS, YOURS = "theirs", "yours"
# The code of the refusal, which the clash's own panel explains instead of the errors.
CODE = "clash"
# Names of what the refused form posts back besides its fields (see clash.html).
SEEN = "clash_seen_version"
CHOICE = "clash_choice_"
TYPED = "clash_typed_"
SNAPSHOT_SALT = "history.clashes.opened"


@dataclass
class FieldClash:
    """One field both editors changed, differently: the three texts as staff read them,
    who saved theirs, and what the editor chose."""

    name: str
    html_id: str
    label: str
    language: str | None
    base: str
    theirs: str
    yours: str
    saved_by: Version
    typed: str
    choice_name: str
    typed_name: str
    choice: str | None = None

    @property
    def theirs_diff(self):
        return changes.word_diff(self.base, self.theirs, spoken=True)

    @property
    def yours_diff(self):
        return changes.word_diff(self.base, self.yours, spoken=True)

    @property
    def saved_by_words(self):
        return saved_by_words([self.saved_by])


@dataclass
class Clash:
    """What someone else saved since the form was opened, and how it meets what was
    posted: fields only they changed (taken from them), fields only this editor changed
    (kept), and fields both changed (`fields`, to choose for)."""

    latest: int
    versions: list
    theirs_only: list = field(default_factory=list)
    yours_only: list = field(default_factory=list)
    # Rich texts both changed in different blocks: (name, label, the merged text).
    merged_texts: list = field(default_factory=list)
    fields: list = field(default_factory=list)

    @property
    def unresolved(self):
        return [clash for clash in self.fields if clash.choice is None]

    @property
    def taken_from_them(self):
        """Names of the fields whose value is theirs: changed by them only, or chosen."""
        return [name for name, _label in self.theirs_only] + [
            clash.name for clash in self.fields if clash.choice == THEIRS
        ]

    def headline(self, obj):
        """ "This project was saved by Ed at 10:04 while you were editing." """
        return gettext("This %(kind)s was saved %(saves)s while you were editing.") % {
            "kind": obj._meta.verbose_name,
            "saves": saved_by_words(self.versions),
        }

    def refusal(self, obj):
        """The message at the top of the refused form: what happened, what to do."""
        sentences = [self.headline(obj), gettext("Nothing of yours is saved yet.")]
        if self.theirs_only:
            sentences.append(
                gettext("Their changes to fields you had not touched are in the form: %s.")
                % ", ".join(label for _name, label in self.theirs_only)
            )
        if self.merged_texts:
            sentences.append(self._merged_words())
        sentences.append(
            gettext(
                "You both changed %(fields)s: below, compare the two and choose for each "
                "whose words to keep, or edit the field, then save again."
            )
            % {"fields": get_text_list([clash.label for clash in self.fields], gettext("and"))}
        )
        return " ".join(sentences)

    def merged(self, obj):
        """The message after a save that kept both people's changes."""
        theirs = [label for _name, label in self.theirs_only] + [
            clash.label for clash in self.fields if clash.choice == THEIRS
        ]
        yours = [label for _name, label in self.yours_only] + [
            clash.label for clash in self.fields if clash.choice == YOURS
        ]
        sentences = [
            gettext("The %(kind)s “%(object)s” was saved.")
            % {"kind": obj._meta.verbose_name, "object": obj},
            self.headline(obj),
        ]
        if theirs:
            sentences.append(gettext("Their words are kept in: %s.") % ", ".join(theirs))
        if yours:
            sentences.append(gettext("Yours are kept in: %s.") % ", ".join(yours))
        if self.merged_texts:
            sentences.append(self._merged_words())
        return " ".join(sentences)

    def _merged_words(self):
        return gettext("Where you changed different paragraphs, both are kept: %s.") % ", ".join(
            label for _name, label, _text in self.merged_texts
        )


class _JSONSerializer(signing.JSONSerializer):
    def dumps(self, obj):
        return json.dumps(obj, cls=DjangoJSONEncoder, separators=(",", ":")).encode("latin-1")


def snapshot(form):
    """The values of the form's fields as the item holds them, signed: what a form
    opened on an item that has no version yet (made by a script, or the initial
    content) carries as the base of a later comparison."""
    values = {}
    for name in form.fields:
        model_field = _model_field(form.instance, name)
        if model_field is not None:
            value = model_field.value_from_object(form.instance)
            values[model_field.attname] = _model_value(model_field, value)
    return signing.dumps(values, salt=SNAPSHOT_SALT, compress=True, serializer=_JSONSerializer)


@dataclass
class _Opened:
    """The values a form was opened on, read back from its snapshot, as a Version
    offers them (`field_dict`)."""

    field_dict: dict


def _opened(model, signed):
    try:
        values = signing.loads(signed or "", salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return None
    fields = {
        model_field.attname: model_field
        for model_field in model._meta.get_fields()
        if hasattr(model_field, "attname")
    }
    return _Opened(
        {name: fields[name].to_python(value) for name, value in values.items() if name in fields}
    )


def find(form, based_on, latest, opened=None):
    """The Clash between what `form` posts and what was saved since the version
    `based_on`, or since the `snapshot()` it was `opened` on when the item had no
    version then. Without either (a form from before this module), any field that
    differs from what is saved now counts as changed by both."""
    base = Version.objects.filter(pk=based_on or None).first() or _opened(
        form.instance._meta.model, opened
    )
    versions = changes.versions_after(form.instance, based_on)
    clash = Clash(latest, versions)
    seen = Version.objects.get_for_object(form.instance).filter(
        pk=form.data.get(form.add_prefix(SEEN)) or None
    )
    seen = seen.first()
    for name, form_field in form.fields.items():
        model_field = _model_field(form.instance, name)
        if model_field is None or (base is not None and model_field.attname not in base.field_dict):
            continue
        sides = _Sides(form, name, form_field, model_field, base)
        label = changes.field_in_words(model_field)
        yours, theirs = sides.yours_changed(), sides.theirs_changed()
        if theirs and yours and sides.yours_differ_from_theirs():
            merged = sides.merged()
            if merged is None:
                clash.fields.append(sides.clash(label, [base, *versions], seen))
            else:
                clash.merged_texts.append((name, label, merged))
        elif theirs:
            # Changed by them alone, or by both to the same words.
            clash.theirs_only.append((name, label))
        elif yours:
            clash.yours_only.append((name, label))
    return clash


def _model_field(instance, name):
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field if model_field.concrete or model_field.many_to_many else None


class _Sides:
    """One field of the form: the base, theirs and yours, as the form field compares them."""

    def __init__(self, form, name, form_field, model_field, base):
        self.form, self.name, self.field, self.model_field = form, name, form_field, model_field
        self.base = base.field_dict.get(model_field.attname) if base else None
        self.has_base = base is not None
        self.theirs = form.get_initial_for_field(form_field, name)
        widget = form_field.widget
        self.posted = widget.value_from_datadict(form.data, form.files, form.add_prefix(name))

    def yours_changed(self):
        if not self.has_base:
            return self.yours_differ_from_theirs()
        return self.field.has_changed(_as_initial(self.field, self.base), self.posted)

    def theirs_changed(self):
        if not self.has_base:
            return self.yours_differ_from_theirs()
        return _differs(self.field, _as_initial(self.field, self.base), self.theirs)

    def yours_differ_from_theirs(self):
        return self.field.has_changed(self.theirs, self.posted)

    def merged(self):
        """A rich text with theirs and yours merged paragraph by paragraph, or None."""
        if not (isinstance(self.model_field, ProseEditorField) and self.has_base):
            return None
        if self.name not in self.form.cleaned_data:
            return None
        current = self.model_field.value_from_object(self.form.instance)
        return merging.merge(
            self.base or "", current or "", self.form.cleaned_data[self.name] or ""
        )

    def yours(self):
        """Yours as the model would hold it: cleaned when valid, as posted when not."""
        if self.name in self.form.cleaned_data:
            return _model_value(self.model_field, self.form.cleaned_data[self.name])
        return self.posted

    def clash(self, label, versions, seen):
        """The FieldClash, with the choice posted for it if it was made against the
        value they saved: a later save that changed this field again asks again."""
        current = self.model_field.value_from_object(self.form.instance)
        theirs, yours = _model_value(self.model_field, current), self.yours()
        typed = fingerprint(yours)
        choice = None
        attname = self.model_field.attname
        if seen is not None and seen.field_dict.get(attname) == versions[-1].field_dict.get(
            attname
        ):
            choice = self.form.data.get(self.form.add_prefix(CHOICE + self.name))
            if choice not in (THEIRS, YOURS):
                # Edited since the refusal: that is a choice too.
                previous = self.form.data.get(self.form.add_prefix(TYPED + self.name))
                choice = YOURS if previous and previous != typed else None
        return FieldClash(
            name=self.name,
            html_id=self.form[self.name].id_for_label,
            label=label,
            language=changes.field_language(self.model_field),
            base=self._read(self.base),
            theirs=self._read(theirs),
            yours=self._read(yours),
            saved_by=self._last_change(versions),
            typed=typed,
            choice_name=self.form.add_prefix(CHOICE + self.name),
            typed_name=self.form.add_prefix(TYPED + self.name),
            choice=choice,
        )

    def _read(self, value):
        return changes.display_value(self.model_field, value)

    def _last_change(self, versions):
        """The version that last changed this field (the latest save if none did)."""
        attname = self.model_field.attname
        last = versions[-1]
        for before, version in pairwise(versions):
            if before is None or before.field_dict.get(attname) != version.field_dict.get(attname):
                last = version
        return last


def _as_initial(form_field, value):
    """A value kept in a version as the form's initial data would hold it."""
    if isinstance(value, datetime | time) and not form_field.widget.supports_microseconds:
        return value.replace(microsecond=0)
    return value


def _differs(form_field, initial, value):
    """Whether two values the model held differ, as the form field tells them apart."""
    if isinstance(form_field, forms.FileField):
        return str(initial or "") != str(value or "")
    if isinstance(form_field.widget, forms.MultiWidget):
        decompress = form_field.widget.decompress
        return decompress(initial) != decompress(_as_initial(form_field, value))
    return form_field.has_changed(initial, form_field.prepare_value(value))


def _model_value(model_field, value):
    """A form's or a model's value as a version keeps it: links as keys, files as names."""
    if model_field.many_to_many:
        return [getattr(item, "pk", item) for item in value or []]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, File) or isinstance(model_field, models.FileField):
        return getattr(value, "name", None) or ""
    return value


def fingerprint(value):
    """A short digest of what was typed, for telling whether it was edited since."""
    text = canonical_html(str(value if value is not None else ""))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def saved_by_words(versions):
    """ "by Ed at 10:04 and by Anna at 10:07": who saved each version, and when."""
    return get_text_list(
        [
            gettext("by %(user)s %(when)s")
            % {"user": _who(version.revision.user), "when": _when(version.revision.date_created)}
            for version in versions
        ],
        gettext("and"),
    )


def _who(user):
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def _when(moment):
    """ "at 10:04" today, "on 12 March 2026, 10:04" on another day."""
    moment = timezone.localtime(moment)
    if moment.date() == timezone.localdate():
        return gettext("at %(time)s") % {"time": formats.time_format(moment, "TIME_FORMAT")}
    return gettext("on %(date)s") % {"date": formats.date_format(moment, "DATETIME_FORMAT")}
