"""What the admin shows of translations: each language's state in lists and forms,
and the filters for missing and out-of-date translations."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from content.models import LANGUAGE_CODES
from translations.status import (
    COMPLETE,
    MISSING,
    STALE,
    can_translate,
    object_status,
    prefetch_status,
    with_status,
)


class TranslationStatusMixin:
    """A list column giving each language's state in words and colour ("FR: 2 missing",
    "EN: 1 out of date", "NL: complete"), each linking to the translate view; and on
    the change form, a link to translate the item into each language."""

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        allowed = getattr(obj, "_may_translate", ())
        return format_html_join(
            " ", "{}", ((status_badge(obj, code, code in allowed),) for code in LANGUAGE_CODES)
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Every row's records in a fixed number of queries, not a few per row.
        rows = prefetch_status(changelist.result_list)
        # The column links to the translate view only where this user may translate
        # (the admin is shared between requests: the rows carry it, not the admin).
        allowed = [code for code in LANGUAGE_CODES if can_translate(request.user, self.model, code)]
        for obj in rows:
            obj._may_translate = allowed
        return changelist

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk is not None:
            context["translate_links"] = translate_links(request.user, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


def translate_url(obj, language):
    opts = obj._meta
    return reverse(
        "admin:translate", args=[opts.app_label, opts.model_name, quote(obj.pk), language]
    )


def translate_links(user, obj):
    """[(language name, address)] of the translate view in each language `user` may
    translate `obj` into."""
    return [
        (name, translate_url(obj, code))
        for code, name in settings.LANGUAGES
        if can_translate(user, type(obj), code)
    ]


def count_in_words(status, count):
    """ "2 missing", "1 out of date", "30 complete": a number of fields in a state."""
    phrases = {
        COMPLETE: ngettext("%(count)s complete", "%(count)s complete", count),
        MISSING: ngettext("%(count)s missing", "%(count)s missing", count),
        STALE: ngettext("%(count)s out of date", "%(count)s out of date", count),
    }
    return phrases[status] % {"count": count}


def status_summary(counts):
    """ "complete", or "7 of 20" (segments translated and up to date, of all) with "1
    out of date" when some are: the state of a language in words."""
    if not counts[MISSING] and not counts[STALE]:
        return gettext("complete")
    done = gettext("%(done)s of %(total)s") % {
        "done": counts[COMPLETE],
        "total": sum(counts.values()),
    }
    return ", ".join([done, *([count_in_words(STALE, counts[STALE])] if counts[STALE] else [])])


def status_badge(obj, language, link=True):
    """One language's state, as a link to translate it when `link`: the words carry
    the meaning, the colour (class) only repeats it."""
    counts = object_status(obj, language)
    state = MISSING if counts[MISSING] else STALE if counts[STALE] else COMPLETE
    name = dict(settings.LANGUAGES)[language]
    words = format_html(
        '<abbr title="{}">{}</abbr>: {}', name, language.upper(), status_summary(counts)
    )
    if not link:
        return format_html('<span class="translation-status {}">{}</span>', state, words)
    return format_html(
        '<a class="translation-status {}" href="{}" title="{}">{}</a>',
        state,
        translate_url(obj, language),
        gettext("Translate into %(language)s") % {"language": name},
        words,
    )


class _TranslationStatusFilter(admin.SimpleListFilter):
    """Lists the items with at least one field (theirs or their parts') in a state in
    one language, as translations.status decides it."""

    status = None
    # Each choice's label, given the language's name.
    choice = None

    def lookups(self, request, model_admin):
        return [(code, self.choice % {"language": name}) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in LANGUAGE_CODES:
            return queryset
        return with_status(queryset, code, self.status)


class MissingTranslationFilter(_TranslationStatusFilter):
    title = _("missing translation")
    choice = _("missing in %(language)s")
    parameter_name = "missing"
    status = MISSING


class StaleTranslationFilter(_TranslationStatusFilter):
    title = _("out-of-date translation")
    choice = _("out of date in %(language)s")
    parameter_name = "stale"
    status = STALE
