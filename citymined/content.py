"""What every piece of public content shares.

- "Published" is `PublishedQuerySet.published()`: nothing else filters on status.
- "Exists in language X" is `Content.exists_in(language)`: the switcher, hreflang, the
  sitemap, the feeds and the admin's translation columns all ask it.
- An object's URL in another language is `url_in(obj, language)`.
"""

import re
from html import unescape

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.base import ModelBase
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField

from citymined.models import FormerAddress
from citymined.search_vectors import SearchVectors, vector_fields

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

_TAG = re.compile(r"<[^>]*>")
_MEDIA_TAG = re.compile(r"<(img|iframe|video|audio|object|embed)\b", re.IGNORECASE)
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


def canonical_html(html):
    """HTML as the editor would write it: whitespace inside text is one space, and none
    around the block tags, where the editor keeps none and browsers show none."""
    return _SPACE_AT_BLOCK.sub(r"\1", " ".join((html or "").split()))


# What the link dialog needs to find the site's content (js/prose_editor.js): where to
# ask (citymined/link_search.py) and its words, in the staff's language.
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


class RichTextField(ProseEditorField):
    """Formatted text, edited in the admin's editor and stored as HTML that is
    sanitized on every save to the tags the editor can produce."""

    EXTENSIONS = {
        "Bold": True,
        "Italic": True,
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
        "Spellcheck": {"languages": LANGUAGE_CODES},
        "History": True,
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": self.EXTENSIONS})
        kwargs.setdefault("sanitize", True)
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


def plain_text(html):
    """Rich text as a reader hears it: no tags, no entities, single spaces."""
    return " ".join(unescape(strip_tags(html or "")).split())


def translated_field_names(*fields):
    """Each field's column in every language: `title` → `title_<code>` for each code."""
    return [f"{field}_{code}" for field in fields for code in LANGUAGE_CODES]


def fallback_chain(language):
    """The visitor's language, then the languages its text falls back to."""
    return (language, *settings.CONTENT_FALLBACKS.get(language, ()))


def shown_value(obj, field, language):
    """The text a visitor reading `language` sees for `field`, and the language it is in:
    their own, or the first of its fallbacks that has it. ("", None) when none has it."""
    for code in fallback_chain(language):
        value = getattr(obj, f"{field}_{code}", None)
        if has_text(value):
            return value, code
    return "", None


def shown_text(obj, field):
    """What a visitor reading the active language sees for `field` (Python's
    `{% translated %}`, for feeds and structured data)."""
    return shown_value(obj, field, translation.get_language())[0]


def url_in(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


def content_models():
    """Every concrete kind of content, found by asking for Content subclasses among the
    installed apps' models: a new kind is found without being listed anywhere."""
    return [model for model in apps.get_models() if issubclass(model, Content)]


class ContentManager(models.Manager):
    def get_queryset(self):
        # The search vectors are read by the database's search alone, and weigh about as
        # much as the texts: lists and pages need not carry them.
        return super().get_queryset().defer(*vector_fields())


def now_to_the_second():
    """A new item's publication moment, to the second, as the admin's form shows it and
    sends it back: an editor's first save of an item a script made then changes the
    moment only when they do (a change that would put every page out of date)."""
    return timezone.now().replace(microsecond=0)


class PublishedQuerySet(models.QuerySet):
    @classmethod
    def as_manager(cls):
        # As QuerySet.as_manager(), on the manager that leaves the vectors out: each
        # kind of content declares `objects = ItsQuerySet.as_manager()` as usual.
        manager = ContentManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    def published(self):
        return self.filter(status=Content.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published, but for a moment still to come."""
        return self.filter(status=Content.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Content.Status.DRAFT)

    def with_slug(self, slug):
        """Objects whose slug is `slug` in any language: modeltranslation's lookups
        only look at the active language's column."""
        query = Q()
        for code in LANGUAGE_CODES:
            query |= Q(**{f"slug_{code}": slug})
        # As a look-up of the keys, so that the database reads the slugs' own indexes:
        # beside published()'s filters, SQLite would otherwise walk the published items.
        return self.filter(pk__in=self.model._base_manager.filter(query).values("pk"))


# Django's own four, which a Meta that names default_permissions replaces.
DEFAULT_PERMISSIONS = ("add", "change", "delete", "view")


class ContentBase(ModelBase):
    """Gives every concrete kind of content its search vectors (citymined/search_vectors.py)
    and its own permission to publish (`publish_<model>`, see Content.Meta).

    A metaclass rather than a line each model must remember: search, like the sitemap
    and the page cache, finds content by itself, so a new kind (say, News) becomes
    searchable by declaring its `summary_field`, and cannot be forgotten by search."""

    def __new__(cls, name, bases, attrs, **kwargs):
        meta = attrs.get("Meta")
        inherits_vectors = any(
            isinstance(base, ContentBase) and not base._meta.abstract for base in bases
        )
        concrete = not (getattr(meta, "abstract", False) or getattr(meta, "proxy", False))
        if concrete and not inherits_vectors:
            attrs["search_vectors"] = SearchVectors()
        if concrete and meta is not None:
            # A kind with a Meta of its own would otherwise lose Content's "publish".
            declared = getattr(meta, "default_permissions", DEFAULT_PERMISSIONS)
            meta.default_permissions = tuple(dict.fromkeys((*declared, "publish")))
        return super().__new__(cls, name, bases, attrs, **kwargs)


class Content(models.Model, metaclass=ContentBase):
    """What pages and projects share: a title, an address and a text in each language
    (registered for translation in each app's translation.py), publishing, and the
    translation rules."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # Required in one language at least, whichever it is (clean()): an item can be
    # written first in any of them.
    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        # Empty in a language until it is translated (NULL, so that many can be empty).
        null=True,
        blank=True,
        help_text=_("The last part of the address in this language."),
    )
    body = RichTextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=now_to_the_second,
        help_text=_("A published item appears on the site from this moment on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    # What each kind of content declares about itself, for the shared machinery that
    # finds it as a Content subclass (search, SEO, the sitemap, the page cache):
    # The translated fields that must all have text for the item to exist in a
    # language; anything less shows fallback text there.
    required_translations = ("title", "body")
    # The field that summarises an item in a sentence or two (lists, search results,
    # search engines, link previews).
    summary_field = None
    # Its Open Graph type.
    og_type = "website"
    # The translated fields that no other page shows (lists show titles and summaries):
    # an edit of these alone puts out of date the item's own page and the pages that
    # show every edit, not the whole site (citymined/edit_reach.py).
    shown_only_on_its_page = ("body",)
    slug_taken_message = _("Another item already uses this address.")

    class Meta:
        abstract = True
        # Publishing is a permission of its own (`<app>.publish_<model>`): someone who
        # may change an item may save drafts without being able to put it online.
        default_permissions = (*DEFAULT_PERMISSIONS, "publish")

    def __str__(self):
        return self.title or self.slug or str(self.pk)

    def save(self, *args, **kwargs):
        left_behind = self.slugs_left_behind()
        super().save(*args, **kwargs)
        FormerAddress.remember(self, left_behind)

    def clean(self):
        super().clean()
        self.validate_written_in_a_language()
        self.validate_translated_slugs()

    def validate_written_in_a_language(self):
        """A title in at least one language; a published item needs its text too, in
        a language that has its title, or it would exist nowhere."""
        first_field = translated_field_names("title")[0]
        if not any(getattr(self, field, None) for field in translated_field_names("title")):
            raise ValidationError({first_field: _("Give it a title, in at least one language.")})
        if self.status == self.Status.PUBLISHED and not self.languages():
            raise ValidationError(
                {
                    "status": _(
                        "To publish it, give it a title and a text in the same language, "
                        "in at least one language."
                    )
                }
            )

    def validate_translated_slugs(self):
        """A slug identifies one item whichever language's address it appears in, so it
        must be unique across all the language columns, not only within each."""
        errors = {}
        for code in LANGUAGE_CODES:
            slug = getattr(self, f"slug_{code}", None)
            if not slug:
                if getattr(self, f"title_{code}", None):
                    errors[f"slug_{code}"] = _("Give it an address in this language.")
            elif type(self)._default_manager.with_slug(slug).exclude(pk=self.pk).exists():
                errors[f"slug_{code}"] = self.slug_taken_message
            elif message := self.slug_conflict(slug, code):
                errors[f"slug_{code}"] = message
        if errors:
            raise ValidationError(errors)

    def current_slugs(self):
        return {getattr(self, column) for column in translated_field_names("slug")} - {None, ""}

    def slugs_left_behind(self):
        """The addresses this save takes away from the item (renamed or emptied)."""
        if self.pk is None:
            return set()
        columns = translated_field_names("slug")
        stored = type(self)._base_manager.filter(pk=self.pk).values(*columns).first() or {}
        return {slug for slug in stored.values() if slug} - self.current_slugs()

    def slug_conflict(self, slug, language):
        """Why `slug` cannot be used in `language`, if another rule forbids it."""
        return None

    def exists_in(self, language):
        return all(
            has_text(getattr(self, f"{field}_{language}", None))
            for field in self.required_translations
        )

    def linked_data(self, head):
        """The item as schema.org data for its page's JSON-LD, given what the page's head
        says of it (title, description, canonical, image, organisation_id); None when
        the organisation's own entry says enough."""
        return None

    def languages(self):
        return [code for code in LANGUAGE_CODES if self.exists_in(code)]

    def is_public(self):
        """`published()` for one object already in hand (the preview banner asks)."""
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


def publish_permission(model):
    """The permission that lets a user publish, unpublish or reschedule items of `model`."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename('publish', opts)}"


def next_publication():
    """When the next scheduled item of any kind appears on the site, or None."""
    moments = [
        model.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in content_models()
    ]
    return min((moment for moment in moments if moment), default=None)


def remember_addresses_of_deleted(sender, instance, **kwargs):
    """Links to a published item that is deleted say it is gone (410), not unknown."""
    if instance.is_public():
        FormerAddress.remember(instance, instance.current_slugs())
