"""The translators' screens in the admin: the dashboard (the whole site as content by
languages, with counts of complete, missing and out-of-date fields) and the translate
view (each source text beside the field being translated, for one item and one
language). Both read translations.status."""

from dataclasses import dataclass

import reversion
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from content.fields import has_text
from content.models import LANGUAGE_CODES, Content, plain_text, url_in
from content.segments import aligned, comparable, rebuild, split
from history import changes
from history.admin import saved_meanwhile
from translations.admin import count_in_words, status_summary, translate_url
from translations.markup import MarkupError, to_editable
from translations.markup import from_editable as html_of_segment
from translations.status import (
    COMPLETE,
    MISSING,
    STALE,
    can_translate,
    field_status,
    is_part,
    mark_up_to_date,
    object_status,
    parts_of,
    recorded_source,
    segment_statuses,
    segments_of,
    source_for,
    status_totals,
    translatable_fields,
    translated_models,
)

STATUS_WORDS = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    STALE: _("out of date"),
}
# What a browser posts besides the fields themselves.
FORM_CONTROLS = {"csrfmiddlewaretoken", "based_on_version", "still_correct", "_save"}


def language_name(code):
    return dict(settings.LANGUAGES)[code]


# The dashboard.


def dashboard_view(request, admin_site):
    rows = [
        row for model in translated_models() if (row := _dashboard_row(request, admin_site, model))
    ]
    context = {
        **admin_site.each_context(request),
        "title": gettext("Translations"),
        "subtitle": None,
        "languages": settings.LANGUAGES,
        "rows": rows,
    }
    request.current_app = admin_site.name
    return TemplateResponse(request, "admin/translations/dashboard.html", context)


def _dashboard_row(request, admin_site, model):
    """One kind of content: per language, the counts and where to fix them, added up in
    the database. Parts (a project's gallery images) are counted with the item they
    belong to."""
    model_admin = admin_site._registry.get(model)
    if model_admin is None or is_part(model):
        return None
    may_translate = [code for code in LANGUAGE_CODES if can_translate(request.user, model, code)]
    if not (may_translate or model_admin.has_view_permission(request)):
        return None
    totals = status_totals(model)
    return {
        "name": capfirst(model._meta.verbose_name_plural),
        "model": model._meta.label_lower,
        "cells": [
            {
                "code": code,
                "name": language_name(code),
                "counts": [
                    {
                        "status": status,
                        "count": fields,
                        "words": count_in_words(status, fields),
                        "url": _where_to_fix(model, items, first, code, status),
                    }
                    for status, (fields, items, first) in totals[code].items()
                ],
            }
            for code in LANGUAGE_CODES
        ],
    }


def _where_to_fix(model, items, first, code, status):
    """The translate view when one item needs it (`first`), else the list narrowed to
    the `items` that do."""
    if status == COMPLETE or not items:
        return None
    if items == 1:
        return translate_url(model(pk=first), code)
    opts = model._meta
    try:
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return None
    return f"{changelist}?{status}={code}"


# The translate view.


@dataclass
class SegmentRow:
    """One segment of a rich text: its source beside the box its translation is
    typed in."""

    status: str
    words: str
    source_html: str
    # The source as the box wants it typed, when it has links or emphasis to keep.
    codes: str
    changes: str
    bound: forms.BoundField
    still_correct: str


@dataclass
class Row:
    """One field of one item: its source beside the field being translated, or beside
    each of its segments."""

    name: str
    label: str
    status: str
    words: str
    source_code: str | None
    source_name: str
    source_html: str
    changes: str
    bound: forms.BoundField | None
    part_label: str
    level: int
    segments: list
    # A rich text translated whole, in a shape of its own, is edited whole.
    whole_note: str = ""


# A plain text this long holds a sentence or two (a teaser, a caption), which a one-line
# input hides as it is translated; shorter ones are names and titles.
SENTENCES_FROM = 250


def _sentence_widget(model_field):
    if (
        isinstance(model_field, models.CharField)
        and (model_field.max_length or 0) >= SENTENCES_FROM
    ):
        return {"widget": AdminTextareaWidget(attrs={"rows": 3})}
    return {}


@dataclass
class Segmented:
    """A rich text translated segment by segment: its source, the translation so far
    (in the source's shape, or empty), and the segments a reader would see."""

    source: str
    current: list
    shown: list

    @classmethod
    def of(cls, item, name, language):
        """None when `name` is not rich text split into segments, or its translation
        was written whole, in a shape of its own."""
        _code, source = source_for(item, name, language)
        found = segments_of(item, name, language, source)
        if found is None:
            return None
        sources, current = found
        return cls(source, current, [i for i, content in enumerate(sources) if has_text(content)])

    def sources(self):
        return split(self.source).contents()

    def translations(self):
        return list(self.current)

    def current_text(self):
        return rebuild(self.source, self.current)


# What each kind of segment is called beside its box.
SEGMENT_KINDS = {
    "p": _("paragraph"),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), _("heading")),
    "li": _("list item"),
    "td": _("table cell"),
    "th": _("table heading"),
    "pre": _("preformatted text"),
    "figcaption": _("picture's caption"),
}


def _rows_for(source):
    """A box about as tall as its source: a heading gets a line or two, a long
    paragraph several."""
    return min(8, max(2, len(plain_text(source)) // 70 + 1))


def segment_field_name(key, index):
    return f"{key}-{index + 1}"


class TranslationForm(forms.Form):
    """The fields of one language of an item and of its parts; nothing else. Rich
    text has a box per segment."""

    based_on_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, items, language, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.language = language
        self.targets = {}
        self.segmented = {}
        for item in items:
            for name in translatable_fields(type(item)):
                model_field = item._meta.get_field(f"{name}_{language}")
                key = self.field_name(item, name)
                self.targets[key] = (item, name, model_field.attname)
                label = capfirst(model_field.translated_field.verbose_name)
                segmented = Segmented.of(item, name, language)
                if segmented is not None:
                    self.segmented[key] = segmented
                    self._add_segments(key, label, segmented)
                    continue
                form_field = model_field.formfield(required=False, **_sentence_widget(model_field))
                form_field.label = label
                form_field.widget.attrs.update(lang=language, dir="auto")
                form_field.initial = getattr(item, model_field.attname)
                self.fields[key] = form_field

    def _add_segments(self, key, label, segmented):
        translations, sources = segmented.translations(), segmented.sources()
        tags = [segment.tag for segment in split(segmented.source).segments]
        for number, index in enumerate(segmented.shown, start=1):
            self.fields[segment_field_name(key, index)] = forms.CharField(
                required=False,
                strip=True,
                label=gettext("%(field)s, %(kind)s %(number)s of %(total)s")
                % {
                    "field": label,
                    "kind": SEGMENT_KINDS.get(tags[index], SEGMENT_KINDS["p"]),
                    "number": number,
                    "total": len(segmented.shown),
                },
                initial=to_editable(translations[index]),
                widget=AdminTextareaWidget(
                    attrs={
                        "rows": _rows_for(sources[index]),
                        "lang": self.language,
                        "dir": "auto",
                        "class": "segment",
                    }
                ),
            )

    def field_name(self, item, name):
        if item is self.items[0]:
            return f"{name}_{self.language}"
        return f"{item._meta.model_name}-{item.pk}-{name}_{self.language}"

    def clean(self):
        cleaned = super().clean()
        for key, segmented in self.segmented.items():
            cleaned[key] = self._joined(key, segmented)
        return cleaned

    def _joined(self, key, segmented):
        """The rich text the segments' boxes make, in the source's shape: a segment
        left empty is a gap, which visitors read in a fallback language."""
        sources, contents = segmented.sources(), segmented.translations()
        for index in segmented.shown:
            name = segment_field_name(key, index)
            typed = self.cleaned_data.get(name, "")
            if not typed:
                # Not translated yet: a gap.
                contents[index] = ""
                continue
            try:
                contents[index] = html_of_segment(typed, sources[index], contents[index])
            except MarkupError as error:
                self.add_error(name, _markup_message(error, sources[index]))
        return rebuild(segmented.source, contents)

    def changed_targets(self):
        """The names of the fields (whole, or split into segments) this form changes."""
        changed = [name for name in self.changed_data if name in self.targets]
        for name, segmented in self.segmented.items():
            joined = self.cleaned_data.get(name, "")
            before = segmented.current_text()
            if (has_text(joined) or has_text(before)) and comparable(joined) != comparable(before):
                changed.append(name)
        return changed

    def unexpected(self):
        """The names a crafted POST sent that are not this language's fields."""
        return sorted(set(self.data) - set(self.fields) - FORM_CONTROLS)


def _markup_message(error, source):
    return gettext(
        "%(code)s cannot be kept: type each link of the source once, as the source shows "
        "it, and no tag but emphasis (<strong>, <em>). The source, as typed: %(codes)s"
    ) % {"code": error, "codes": to_editable(source)}


def translate_view(request, admin_site, app_label, model_name, object_id, language):
    model, obj = _translated_object(app_label, model_name, unquote(object_id), language)
    if not can_translate(request.user, model, language):
        raise PermissionDenied
    items = [obj, *parts_of(obj)]
    if request.method == "POST":
        form = TranslationForm(items, language, request.POST)
        if _save(request, form, obj, items):
            return redirect(translate_url(obj, language))
        status = 400 if form.unexpected() else 200
    else:
        form = TranslationForm(
            items, language, initial={"based_on_version": changes.latest_version_id(obj)}
        )
        status = 200
    context = {
        **admin_site.each_context(request),
        "title": gettext("Translate “%(item)s” into %(language)s")
        % {"item": obj, "language": language_name(language)},
        "subtitle": None,
        "opts": model._meta,
        "object": obj,
        "language": language,
        "language_name": language_name(language),
        "form": form,
        "rows": _rows(form, items, language),
        "summary": status_summary(object_status(obj, language)),
        "change_url": _change_url(obj),
        "site_url_in_language": _public_url(obj, language),
        "other_languages": [
            (name, translate_url(obj, code))
            for code, name in settings.LANGUAGES
            if code != language and can_translate(request.user, model, code)
        ],
        "media": form.media + forms.Media(js=["js/translate.js"], css={"all": ["css/admin.css"]}),
    }
    request.current_app = admin_site.name
    return TemplateResponse(request, "admin/translations/translate.html", context, status=status)


def _translated_object(app_label, model_name, object_id, language):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in translated_models() or is_part(model) or language not in LANGUAGE_CODES:
        raise Http404
    obj = model._default_manager.filter(pk=object_id).first() if object_id.isdigit() else None
    if obj is None:
        raise Http404
    return model, obj


def _change_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
    except NoReverseMatch:
        return None


def _public_url(obj, language):
    if not hasattr(obj, "get_absolute_url"):
        return None
    if isinstance(obj, Content) and not obj.is_public():
        return f"{url_in(obj, language)}?preview"
    return url_in(obj, language)


def _rows(form, items, language):
    rows = []
    for item in items:
        part_label = "" if item is items[0] else f"{capfirst(item._meta.verbose_name)} “{item}”"
        for name in translatable_fields(type(item)):
            key = form.field_name(item, name)
            status = field_status(item, name, language)
            code, text = source_for(item, name, language)
            segmented = form.segmented.get(key)
            rows.append(
                Row(
                    name=key,
                    label=capfirst(item._meta.get_field(name).verbose_name),
                    status=status,
                    words=STATUS_WORDS[status],
                    source_code=code,
                    source_name=language_name(code) if code else "",
                    source_html=_as_html(item, name, code, text),
                    changes=_changes(item, name, language)
                    if status == STALE and not segmented
                    else "",
                    bound=None if segmented else form[key],
                    part_label=part_label,
                    level=3 if part_label else 2,
                    segments=_segment_rows(form, key, segmented, item, name) if segmented else [],
                    whole_note=_whole_note(item, name, code, text, segmented),
                )
            )
    return rows


def _segment_rows(form, key, segmented, item, name):
    statuses = segment_statuses(item, name, form.language)
    if len(statuses) != len(segmented.shown):
        # The screen's source is a fallback's (translating into the source language).
        statuses = [field_status(item, name, form.language)] * len(segmented.shown)
    recorded = recorded_source(item, name, form.language)
    recorded = (
        split(recorded).contents() if recorded and aligned(recorded, segmented.source) else None
    )
    sources = segmented.sources()
    model_field = item._meta.get_field(name)
    rows = []
    for index, status in zip(segmented.shown, statuses, strict=True):
        codes = to_editable(sources[index])
        diff = ""
        if status == STALE and recorded is not None:
            diff = changes.word_diff(
                changes.display_value(model_field, recorded[index]),
                changes.display_value(model_field, sources[index]),
            )
        rows.append(
            SegmentRow(
                status=status,
                words=STATUS_WORDS[status],
                source_html=mark_safe(sources[index]),  # noqa: S308 - sanitized on save.
                codes=codes if "<" in codes else "",
                changes=diff,
                bound=form[segment_field_name(key, index)],
                still_correct=f"{key}:{index + 1}",
            )
        )
    return rows


def _whole_note(item, name, code, text, segmented):
    if segmented or code is None or not isinstance(item._meta.get_field(name), ProseEditorField):
        return ""
    if not split(text).segmentable:
        return ""
    return gettext(
        "This translation was written whole, with paragraphs of its own: it is edited "
        "whole. Empty it to translate it paragraph by paragraph."
    )


def _as_html(item, name, code, text):
    """The source as a reader sees it: rich text as formatted (it was sanitized when
    saved), plain text escaped."""
    if code is None:
        return ""
    if isinstance(item._meta.get_field(f"{name}_{code}"), ProseEditorField):
        return mark_safe(text)  # noqa: S308 - sanitized on every save (RichTextField).
    return text


def _changes(item, name, language):
    """What changed in the source since the translation was made, word by word."""
    before = recorded_source(item, name, language)
    if before is None:
        return ""
    code, now = source_for(item, name, language)
    model_field = item._meta.get_field(f"{name}_{code}")
    return changes.word_diff(
        changes.display_value(model_field, before), changes.display_value(model_field, now)
    )


def _save(request, form, obj, items):
    """Save this language's fields (and mark the chosen one still correct), in one
    revision; False, with the errors on the form and what was typed kept, otherwise."""
    if form.unexpected():
        form.add_error(
            None,
            gettext(
                "This screen saves only the %(language)s texts, and the form sent other "
                "fields too (%(fields)s): nothing was saved."
            )
            % {"language": language_name(form.language), "fields": ", ".join(form.unexpected())},
        )
        return False
    if not form.is_valid():
        return False
    try:
        with transaction.atomic():
            changed = _write(request, form, obj, items)
    except ValidationError as error:
        _show_errors(form, error)
        return False
    _say_saved(request, obj, form.language, changed)
    return True


def _write(request, form, obj, items):
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    based_on = form.cleaned_data["based_on_version"] or None
    latest = changes.latest_version_id(obj)
    if str(latest or "") != str(based_on or ""):
        form.data = form.data.copy()
        form.data["based_on_version"] = latest
        raise ValidationError(saved_meanwhile(obj, based_on))
    changed = _apply(form, items)
    still_key, _colon, segment = request.POST.get("still_correct", "").partition(":")
    still_correct = form.targets.get(still_key)
    with reversion.create_revision():
        reversion.set_user(request.user)
        labels = ", ".join(
            str(capfirst(item._meta.get_field(name).verbose_name))
            for item, name, _column in changed.values()
        )
        reversion.set_comment(
            gettext("Translated into %(language)s: %(fields)s")
            % {"language": language_name(form.language), "fields": labels}
            if changed
            else gettext("Marked still correct in %(language)s")
            % {"language": language_name(form.language)}
        )
        for item in {id(item): item for item, _name, _column in changed.values()}.values():
            item.save()
        # The item's history shows the revision, whichever of its parts changed.
        reversion.add_to_revision(obj)
    if still_correct is not None:
        item, name, _column = still_correct
        segments = [int(segment) - 1] if segment.isdigit() else None
        mark_up_to_date(item, name, form.language, request.user, segments)
    return changed


def _apply(form, items):
    """Put the typed texts on the items and check them; {form name: target} of the
    fields that changed."""
    changed = {}
    for key in form.changed_targets():
        item, name, column = form.targets[key]
        setattr(item, column, form.cleaned_data[key])
        changed[key] = (item, name, column)
    for item in {id(item): item for item, _name, _column in changed.values()}.values():
        _derive_slug(item, form.language)
        columns = [column for other, _name, column in changed.values() if other is item]
        columns += [f"slug_{form.language}"] if isinstance(item, Content) else []
        exclude = [f.name for f in item._meta.fields if f.name not in columns]
        try:
            item.full_clean(exclude=exclude)
        except ValidationError as error:
            raise ValidationError(
                {
                    form.field_name(item, key.removesuffix(f"_{form.language}")): errors
                    for key, errors in error.message_dict.items()
                }
            ) from None
    return changed


def _derive_slug(item, language):
    """A translated title gets its address in that language, as the change form would
    prepopulate it: translators do not choose addresses."""
    column = f"slug_{language}"
    if (
        not isinstance(item, Content)
        or getattr(item, column)
        or not item.__dict__.get(f"title_{language}")
    ):
        return
    base = slugify(item.__dict__[f"title_{language}"])[:90] or "item"
    slug, number = base, 1
    manager = type(item)._default_manager
    while manager.with_slug(slug).exclude(pk=item.pk).exists() or item.slug_conflict(
        slug, language
    ):
        number += 1
        slug = f"{base}-{number}"
    setattr(item, column, slug)


def _show_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        form.add_error(key if key in form.fields else None, errors)


def _say_saved(request, obj, language, changed):
    if changed:
        message = gettext("The %(language)s translation of “%(item)s” is saved.")
    else:
        message = gettext("The %(language)s translation of “%(item)s” is up to date.")
    messages.success(request, message % {"language": language_name(language), "item": obj})
