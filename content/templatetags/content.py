"""Template tags for translated content.

`{% translated obj "body" %}` is the one way a template shows a translated field: the
text in the visitor's language, or the text of the first fallback language that has it,
marked with its `lang` and, for running text, the "translation in progress" notice.

`{% language_versions as versions %}` gives the current page in every language: its
address, whether it really exists there, and whether it is the one being read."""

import re
from functools import cache

from django import template
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from content.fields import RichTextField
from content.figures import with_pictures
from content.models import LANGUAGE_CODES, shown_parts, url_in
from content.web_addresses import web_address

register = template.Library()
register.filter("web_address", web_address)


def _is_rich_text(obj, field):
    # Only RichTextField is sanitized on save; any other text is escaped.
    return isinstance(obj._meta.get_field(field), RichTextField)


NARROW_NO_BREAK_SPACE = "\u202f"
# The spaces an editor may have typed: plain, no-break, already narrow; in rich text
# also as the entities the editor or a paste may write.
_SPACES = "[ \u00a0\u202f]+"
_HTML_SPACES = "(?:[ \u00a0\u202f]|&nbsp;|&#160;|&#xa0;|&#x202f;)+"
_HTML_NAMES = {"»": "&raquo;", "«": "&laquo;"}
_TAG = re.compile(r"(<[^>]*>)")


@cache
def _spacing_rules(language, html):
    """(pattern, replacement) pairs that set the language's marks apart (settings'
    narrow_space_before and narrow_space_after), or none."""
    rules = settings.SITE_LANGUAGES.get(language, {})
    spaces = _HTML_SPACES if html else _SPACES

    def marks(characters):
        names = [_HTML_NAMES[c] for c in characters if html and c in _HTML_NAMES]
        return "|".join([f"[{re.escape(characters)}]", *names])

    found = []
    if before := rules.get("narrow_space_before"):
        found.append((re.compile(f"{spaces}(?={marks(before)})"), NARROW_NO_BREAK_SPACE))
    if after := rules.get("narrow_space_after"):
        found.append((re.compile(f"({marks(after)}){spaces}"), rf"\1{NARROW_NO_BREAK_SPACE}"))
    return found


def typeset(text, language, html=False):
    """The text with the spaces its language's typography asks for: in French, the
    plain space typed before ? ! ; : » or after « becomes a narrow no-break space. Only
    spaces already there change ("14:30", "https://" and "&amp;" stay as they are); in
    rich text, only the text between tags, never a tag or its attributes."""
    rules = _spacing_rules(language, html)
    if not rules or not text:
        return text

    def spaced(part):
        for pattern, replacement in rules:
            part = pattern.sub(replacement, part)
        return part

    if not html:
        return spaced(text)
    return "".join(
        part if index % 2 else spaced(part) for index, part in enumerate(_TAG.split(text))
    )


@register.simple_tag
def translated(obj, field):
    language = get_language()
    rich = _is_rich_text(obj, field)
    value, code, filled_in = shown_parts(obj, field, language)
    if code is None:
        return ""
    if rich:
        # Library pictures are stored by reference, drawn as they are now.
        value = with_pictures(value, code)
    value = typeset(value, code, html=rich)
    # Rich text was sanitized when it was saved; plain text is escaped here.
    text = mark_safe(value) if rich else value
    if code == language and not filled_in:
        return text
    if not rich:
        return format_html('<span lang="{}">{}</span>', code, text)
    # A text in another language says so; so does one with some segments in another
    # (each of which carries its own lang).
    notices = [settings.SITE_LANGUAGES[code]["shown_in"]] if code != language else []
    notices += [settings.SITE_LANGUAGES[other]["partly_shown_in"] for other in filled_in]
    return render_to_string(
        "includes/fallback_text.html",
        {
            "text": text,
            "text_language": code,
            "notice": " ".join(str(notice) for notice in notices),
            "visitor_language": language,
        },
    )


@register.simple_tag
def elided_page_range(page, on_each_side=2):
    """The page numbers a list's pagination shows, with … for the ones it leaves out."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=on_each_side)


@register.simple_tag(takes_context=True)
def language_versions(context):
    obj = context.get("object")
    current = get_language()
    request = context.get("request")
    versions = []
    for code in LANGUAGE_CODES:
        if isinstance(obj, models.Model) and hasattr(obj, "exists_in"):
            url, exists = url_in(obj, code), obj.exists_in(code)
            if context.get("preview"):
                # Staff previewing a draft read it in every language the same way.
                url = f"{url}?preview"
        else:
            url, exists = translate_url(request.get_full_path(), code), True
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "exists": exists,
                "current": code == current,
            }
        )
    return versions
