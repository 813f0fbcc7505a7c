"""Library pictures in rich text, drawn as they are now each time a text is shown
(content/figures.py stores them by reference): the resized copies, the width and
height, and the description in the reader's language, marked with its `lang` when it
is another language's than the text around it. A picture no longer in the library
draws nothing."""

from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from content.figures import caption_attributes
from content.models import shown_value
from media.images import picture_of
from media.models import Image

# How wide each alignment is drawn (static/css/site.css), for the browser's choice
# among the copies.
SIZES = {
    "left": "(min-width: 42rem) 20rem, 100vw",
    "right": "(min-width: 42rem) 20rem, 100vw",
    "centre": "(min-width: 46rem) 42rem, 100vw",
    "wide": "100vw",
}


def draw(references, language):
    """The HTML of each reference of a text written in `language` ("" for a picture
    that is gone, or whose file is lost)."""
    images = Image.objects.in_bulk({reference.image_id for reference in references})
    reader = get_language()
    return [
        _figure(images.get(reference.image_id), reference, language, reader)
        for reference in references
    ]


def _figure(image, reference, language, reader):
    picture = picture_of(image, "gallery") if image is not None else None
    if picture is None:
        return ""
    alt, alt_language = shown_value(image, "alt", reader)
    return render_to_string(
        "media/figure.html",
        {
            "picture": picture,
            "align": reference.align,
            "alt": alt,
            # An attribute cannot hold a <span lang>: the img says the language of its alt.
            "alt_language": alt_language if alt_language and alt_language != language else "",
            "sizes": SIZES.get(reference.align, SIZES["centre"]),
            "caption": _caption(image, reference, language, reader),
            "credit": _marked(*shown_value(image, "credit", reader), language),
        },
    )


def _caption(image, reference, language, reader):
    """The caption typed in the text (sanitized plain text), else the picture's own."""
    if reference.caption.strip():
        # Sanitized when the text was saved: text and entities only.
        caption = mark_safe(reference.caption)
        marked = caption_attributes(reference.caption_attributes)
        return format_html("<span{}>{}</span>", mark_safe(marked), caption) if marked else caption
    return _marked(*shown_value(image, "caption", reader), language)


def _marked(text, code, language):
    if not text:
        return ""
    if code != language:
        return format_html('<span lang="{}">{}</span>', code, text)
    return text


# What the text editor's "Insert picture" button needs (js/prose_editor.js), in the
# staff's language.
EDITOR_BUTTON = {
    "url": reverse_lazy("admin:image_chooser"),
    "labels": {
        "button": _("Insert picture"),
        "dialog": _("Picture"),
        "alignment": _("Alignment"),
        "centre": _("Centred, as wide as the text"),
        "left": _("Small, on the left"),
        "right": _("Small, on the right"),
        "wide": _("Wide, wider than the text"),
        "caption": _("Caption (optional)"),
        "captionHelp": _("Empty: the picture's own caption, if it has one."),
        "insert": _("Insert picture"),
        "update": _("Update picture"),
        "another": _("Choose another picture"),
        "cancel": _("Cancel"),
        "picture": _("Picture"),
    },
}
