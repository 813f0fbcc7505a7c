"""The rich-text field every kind of content writes its text in."""

import re
from html import unescape

import nh3
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField, _actually_empty

from content import figures

_BLOCK_TAGS = "p|h[1-6]|ul|ol|li|blockquote|hr|br|table|thead|tbody|tr|th|td"
_SPACE_AT_BLOCK = re.compile(rf"\s*(</?(?:{_BLOCK_TAGS})\b[^>]*>)\s*", re.IGNORECASE)


class RichTextFormField(ProseEditorFormField):
    """The editor's form field, which tells a real change from the editor's way of
    writing the same text.

    The editor sends back the HTML it builds, not what was stored: no line breaks
    between paragraphs, its own entities, `<p></p>` for nothing at all. Compared as
    strings, every text would count as changed on every save, and the change log (and
    the history) would list it. Both sides are compared as the editor would write them."""

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return canonical_html(self.sanitize(initial or "")) != canonical_html(
            self.sanitize(self.to_python(data))
        )


_TAG = re.compile(r"<[^>]*>")
_MEDIA_TAG = re.compile(r"<(img|iframe|video|audio|object|embed)\b", re.IGNORECASE)


def has_text(value):
    """True when a field holds something a reader would see.

    Rich-text editors leave `<p></p>` or `<p>&nbsp;</p>` behind in a field the editor
    emptied; that is missing text, not a translation."""
    if not value:
        return False
    if _MEDIA_TAG.search(value):
        return True
    # Asked many times for each page drawn: a regular expression is enough to see past
    # the tags of sanitized HTML, and far faster than strip_tags()'s parser.
    return bool(unescape(_TAG.sub("", value)).strip())


def canonical_html(html):
    """HTML as the editor would write it: whitespace inside text is one space, and none
    around the block tags, where the editor keeps none and browsers show none."""
    return _SPACE_AT_BLOCK.sub(r"\1", " ".join((html or "").split()))


# What the link dialog needs to find the site's content (js/prose_editor.js): where to
# ask (content/link_search.py) and its words, in the staff's language.
LINK_FINDER = {
    "url": reverse_lazy("admin:link_search"),
    "labels": {
        "dialog": _("Link"),
        "find": _("Find a page or project"),
        "findHelp": _("Type part of its title, in any language, then choose it below."),
        "found": _("Pages and projects found"),
        "searching": _("Searching…"),
        "noResults": _("Nothing on the site has that in its title."),
        "results": _("Choose one to link to it; its address keeps working if it is renamed."),
        "failed": _("The search did not answer. Type the address instead."),
        "notPublished": _("not published yet"),
        "href": _("Address (URL)"),
        "title": _("Title shown on hover (optional)"),
        "submit": _("Insert link"),
        "cancel": _("Cancel"),
    },
}


# What the editor's "Insert picture" button needs (js/prose_editor.js): the library's
# chooser and the button's words. Filled in by the library when it is ready
# (media/apps.py), which this layer cannot import; empty, the editor offers no button.
PICTURE_CHOOSER = {}


def sanitizer(extensions):
    """nh3 with the tags the editor's extensions produce, and library pictures by
    reference only (content/figures.py): a figure naming a picture by its number, an
    alignment, a plain caption. No `<img>`, no address, no other attribute."""
    options = allowlist_from_extensions(expand_extensions(extensions))
    options["tags"] |= figures.SANITIZER_OPTIONS["tags"]
    for tag, names in figures.SANITIZER_OPTIONS["attributes"].items():
        options["attributes"].setdefault(tag, set()).update(names)
    cleaner = nh3.Cleaner(
        **options,
        tag_attribute_values=figures.SANITIZER_OPTIONS["tag_attribute_values"],
        attribute_filter=figures.allowed_attribute,
    )
    return lambda html: _actually_empty(figures.library_figures(cleaner.clean(html)))


class RichTextField(ProseEditorField):
    """Formatted text, edited in the admin's editor and stored as HTML that is
    sanitized on every save to the tags the editor can produce."""

    EXTENSIONS = {
        "Bold": True,
        "Italic": True,
        # H₂O, m²: pasted from Word and Google Docs (js/prose_editor.js) and kept.
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "Link": {"enableTarget": False, "finder": LINK_FINDER},
        "HardBreak": True,
        "HorizontalRule": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        # Word's and Google Docs' clipboard made into the tags above (js/prose_editor.js).
        "OfficePaste": True,
        # The browser's spelling check in the text's own language (js/prose_editor.js),
        # which django-prose-editor turns off by default.
        "NoSpellCheck": False,
        "Spellcheck": {"languages": [code for code, _name in settings.LANGUAGES]},
        "History": True,
        # A picture from the library, by reference (content/figures.py).
        "LibraryPicture": PICTURE_CHOOSER,
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": self.EXTENSIONS})
        kwargs.setdefault("sanitize", sanitizer(kwargs["config"]["extensions"]))
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # The form compares old and new text through the same sanitizer as saving uses.
        return super().formfield(
            **{"form_class": RichTextFormField, "sanitize": self.sanitize, **kwargs}
        )

    def pre_save(self, model_instance, add):
        # Forms clean the HTML, but code (imports, scripts, the shell) saves without
        # them: templates output this field as it is, so clean it on every save.
        # The raw value, not the attribute: modeltranslation's attribute answers with
        # another language's text when this one is empty.
        raw = model_instance.__dict__.get(self.attname)
        if not raw:
            return super().pre_save(model_instance, add)
        model_instance.__dict__[self.attname] = self.sanitize(raw)
        return model_instance.__dict__[self.attname]
