"""What every piece of public content shares.

- "Published" is `PublishedQuerySet.published()`: nothing else filters on status.
- "Exists in language X" is `Content.exists_in(language)`: the switcher, hreflang, the
  sitemap, the feeds and the admin's translation columns all ask it.
- An object's URL in another language is `url_in(obj, language)`.
"""

import re
from html import unescape
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.base import ModelBase
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from content.fields import RichTextField, has_text
from content.figures import with_pictures
from content.search_vectors import SearchVectors, vector_fields
from content.segments import fill_gaps, has_gaps

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


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
    value, code, _filled_in = shown_parts(obj, field, language)
    return value, code


def shown_parts(obj, field, language):
    """As shown_value(), with the languages some segments of the text are shown in
    (content/segments.py): a translation made segment by segment shows the segments it
    lacks in the first fallback that has them, each marked with its language. A text
    whose gaps no other language can fill is passed over for the next language whole."""
    chain = fallback_chain(language)
    for position, code in enumerate(chain):
        value = getattr(obj, f"{field}_{code}", None)
        if not has_text(value):
            continue
        # Only a partial translation costs more than this one regular expression.
        if not has_gaps(value):
            return value, code, []
        others = [
            (other, getattr(obj, f"{field}_{other}", None)) for other in chain[position + 1 :]
        ]
        merged, filled_in = fill_gaps(value, others)
        if merged is not None:
            return merged, code, filled_in
    return "", None, []


def shown_text(obj, field):
    """What a visitor reading the active language sees for `field` (Python's
    `{% translated %}`, for feeds and structured data), library pictures drawn."""
    value, code = shown_value(obj, field, translation.get_language())
    if isinstance(obj._meta.get_field(field), RichTextField):
        return with_pictures(value, code)
    return value


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
        now = timezone.now()
        return self.filter(status=Content.Status.PUBLISHED, published_at__lte=now).exclude(
            expires_at__lte=now
        )

    def for_lists(self):
        """Without what only an item's own page shows (its body): lists read less."""
        return self.defer(*self.model.shown_only_on_its_page)

    def for_links(self):
        """Only what a link to each shows, its title and address in every language: the
        database sorts narrower rows, and Python builds smaller objects."""
        fields = ("title", "slug")
        return self.only(*(f"{field}_{code}" for field in fields for code in LANGUAGE_CODES))

    def scheduled(self):
        """Published, but for a moment still to come."""
        return self.filter(status=Content.Status.PUBLISHED, published_at__gt=timezone.now())

    def expired(self):
        """Published once, and taken off the site by their expiry date."""
        return self.filter(status=Content.Status.PUBLISHED, expires_at__lte=timezone.now())

    def drafts(self):
        return self.filter(status=Content.Status.DRAFT)

    def with_text_in(self, language):
        """Those whose required translations have text in `language`, as far as the
        database can tell: exists_in() has the last word (empty rich text, `<p></p>`)."""
        empty = Q()
        for field in self.model.required_translations:
            empty |= Q(**{f"{field}_{language}": ""}) | Q(**{f"{field}_{language}__isnull": True})
        return self.exclude(empty)

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
    """Gives every concrete kind of content its search vectors (content/search_vectors.py)
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
    expires_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_(
            "A published item leaves the site at this moment: its page, the lists, the "
            "sitemap, the feeds and search. Leave it empty to keep it online."
        ),
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
    # show every edit, not the whole site (caching/invalidation.py).
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
        self.validate_expiry()

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

    def validate_expiry(self):
        """An item must be online for a while: it leaves the site after it appears."""
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError(
                {"expires_at": _("Unpublish it after its publication date, or leave it empty.")}
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
        """Why `slug` cannot be used in `language`, if another rule forbids it. An item
        answers to its slug of any language under every language's prefix (redirecting
        to its own), so a slug reserved in one language is refused in all of them,
        whatever the editor's language (or an import's)."""
        for code in LANGUAGE_CODES:
            if message := self.reserved_slug(slug, code):
                return message
        return None

    def reserved_slug(self, slug, language):
        """Why another part of the site answers at `slug` under `language`'s prefix, or
        None; each kind of content says what its addresses could run into."""
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
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and not (self.expires_at and self.expires_at <= now)
        )

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    def is_expired(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    @classmethod
    def moments_of_change(cls):
        """The moments at which items of this kind change what pages show by themselves,
        with nobody saving anything, as querysets of `moment`s: scheduled publications
        and expiries. A kind whose items move between lists with time (events that end)
        adds its own."""
        scheduled = cls.objects.scheduled().annotate(moment=models.F("published_at"))
        # An item still to come leaves after it comes: its publication is the earlier.
        expiring = cls.objects.filter(
            status=cls.Status.PUBLISHED, expires_at__gt=timezone.now()
        ).annotate(moment=models.F("expires_at"))
        return [scheduled.values_list("moment"), expiring.values_list("moment")]


def publish_permission(model):
    """The permission that lets a user publish, unpublish or reschedule items of `model`."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename('publish', opts)}"


def next_publication():
    """The next moment the site changes without a save, or None: a scheduled item of any
    kind comes out, or whatever else a kind says moves its items by itself
    (`Content.moments_of_change()`, such as an event that ends and leaves the upcoming
    list). Page lifetimes stop there (caching/version.py). One query for all kinds."""
    first, *others = [
        moments.order_by() for model in content_models() for moments in model.moments_of_change()
    ]
    return first.union(*others, all=True).aggregate(next=models.Min("moment"))["next"]


def remember_addresses_of_deleted(sender, instance, **kwargs):
    """Links to a published item that is deleted say it is gone (410), not unknown."""
    if instance.is_public():
        FormerAddress.remember(instance, instance.current_slugs())


def validate_link_lines(text):
    """Each line an http(s) address: they become links on every page."""
    check = URLValidator(schemes=["http", "https"])
    for line in _lines(text):
        check(line)


class SeedRecord(models.Model):
    """Remembers which pieces of initial content were created, so `load_initial_data`
    never creates them twice, nor brings back what an editor changed or deleted."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_seedrecord"
        verbose_name = _("initial content record")
        verbose_name_plural = _("initial content records")

    def __str__(self):
        return self.key


class Organisation(models.Model):
    """The organisation's own details, as the footer, the contact block and the
    structured data state them: one row, edited by staff in the admin."""

    name = models.CharField(_("name"), max_length=200, default="City Mine(d)")
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    locality = models.CharField(_("town or city"), max_length=100, blank=True)
    country = models.CharField(
        _("country code"),
        max_length=2,
        default="BE",
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, such as BE or GB."))],
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phones = models.TextField(
        _("phone numbers"),
        blank=True,
        help_text=_("One per line, written as visitors should read it: +32 (0)2 779 59 00."),
    )
    founded = models.DateField(_("founded on"), null=True, blank=True)
    links = models.TextField(
        _("its own sites and profiles"),
        blank=True,
        help_text=_(
            "One address per line, starting with https://. Only addresses that are the "
            "organisation itself, as search engines will read them: its sites on its own "
            "domain (that of its e-mail address) and its own profiles elsewhere (a page "
            "such as https://www.facebook.com/… or https://www.wikidata.org/wiki/…). Not "
            "a project's or a partner's site: those belong on the project's or partner's "
            "own page."
        ),
        validators=[validate_link_lines],
    )

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_organisation"
        verbose_name = _("organisation's details")
        verbose_name_plural = _("organisation's details")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The one row, or the defaults until the initial content or staff create it."""
        return cls.objects.first() or cls()

    def phone_numbers(self):
        """[(number to dial, number as written)]: `tel:` links want digits only."""
        return [(_dialable(line), line) for line in _lines(self.phones)]

    def clean(self):
        super().clean()
        others = [url for url in self.link_list() if self._is_another_site(url)]
        if others:
            raise ValidationError(
                {
                    "links": _(
                        "Other sites, not the organisation's own: %(addresses)s. List here "
                        "only its sites on %(domain)s and its own profiles elsewhere; a "
                        "project's or a partner's site belongs on its own page."
                    )
                    % {
                        "addresses": ", ".join(others),
                        "domain": self.own_domain() or _("its own domain"),
                    }
                }
            )

    def link_list(self):
        return _lines(self.links)

    def own_domain(self):
        """The domain of its e-mail address (citymined.org): its own sites are there."""
        return self.email.rpartition("@")[2].lower() if self.email else ""

    def own_links(self):
        """Its links that are the organisation itself (JSON-LD's `sameAs`, "the same
        entity"): the sites on its own domain and its profiles elsewhere. The home page
        of a site on another domain is another entity's (a project's, a partner's), even
        if an older row still lists it."""
        return [url for url in self.link_list() if not self._is_another_site(url)]

    def _is_another_site(self, url):
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:  # not an address at all: the field's validator says so
            return False
        domain = self.own_domain()
        if not host or (domain and (host == domain or host.endswith(f".{domain}"))):
            return False
        # A profile is a page of its own on another site; the site's home page is the site.
        return parts.path.strip("/") == "" and not parts.query and not parts.fragment


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _dialable(written):
    # "+32 (0)2 779 59 00": the (0) is dialled only from inside the country.
    return "+" * written.startswith("+") + re.sub(r"\D", "", written.replace("(0)", ""))


class FormerAddress(models.Model):
    """An address (slug, in any language) that an item had before it was renamed or
    deleted, so that links pasted anywhere keep working: they lead to where the item
    is now (301), however often it was renamed, or say that it is gone (410)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(_("address"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_formeraddress"
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="one_owner_per_address")
        ]

    def __str__(self):
        return self.slug

    @classmethod
    def remember(cls, obj, slugs):
        """`slugs` now lead to `obj`: the last item to leave an address owns it."""
        content_type = ContentType.objects.get_for_model(obj)
        for slug in slugs:
            cls.objects.update_or_create(
                content_type=content_type, slug=slug, defaults={"object_id": obj.pk}
            )

    @classmethod
    def owner(cls, model, slug):
        """The primary key of the item that last had `slug`, or None."""
        content_type = ContentType.objects.get_for_model(model)
        row = cls.objects.filter(content_type=content_type, slug=slug).values("object_id")
        return next(iter(row), {}).get("object_id")
