"""Template tags for translated content.

`{% translated obj "body" %}` is the one way a template shows a translated field: the
text in the visitor's language, or the text of the first fallback language that has it,
marked with its `lang` and, for running text, the "translation in progress" notice.

`{% language_versions as versions %}` gives the current page in every language: its
address, whether it really exists there, and whether it is the one being read."""

from django import template
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from content.fields import RichTextField
from content.models import LANGUAGE_CODES, shown_value, url_in
from content.web_addresses import web_address

register = template.Library()
register.filter("web_address", web_address)


def _is_rich_text(obj, field):
    # Only RichTextField is sanitized on save; any other text is escaped.
    return isinstance(obj._meta.get_field(field), RichTextField)


@register.simple_tag
def translated(obj, field):
    language = get_language()
    rich = _is_rich_text(obj, field)
    value, code = shown_value(obj, field, language)
    if code is None:
        return ""
    # Rich text was sanitized when it was saved; plain text is escaped here.
    text = mark_safe(value) if rich else value
    if code == language:
        return text
    if not rich:
        return format_html('<span lang="{}">{}</span>', code, text)
    return render_to_string(
        "includes/fallback_text.html",
        {
            "text": text,
            "text_language": code,
            "notice": settings.SITE_LANGUAGES[code]["shown_in"],
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
