import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


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
        verbose_name = _("organisation's details")
        verbose_name_plural = _("organisation's details")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The one row, or the defaults until the initial content or staff create it."""
        return cls.objects.first() or cls()

    @classmethod
    def kept(cls):
        """`current()` as pages show it: every page names the organisation, and the row
        changes seldom, so each process keeps it until the content changes."""
        from citymined.kept_data import until_content_changes

        return until_content_changes("organisation", cls.current)

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


def _translate_permissions():
    # Stored in the database once, like Django's own "Can change project": in the
    # catalogue's source language, whatever language the process runs in.
    with translation.override(None):
        return [
            (f"translate_{code}", str(_("Can translate into %(language)s") % {"language": name}))
            for code, name in settings.LANGUAGES
        ]


class SourceLanguage(models.Model):
    """The language an item was written in, which its other languages translate: by
    default the one it was first written in (citymined/translation_status.py)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("source language"), max_length=10)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("source language")
        verbose_name_plural = _("source languages")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_source_language_per_item"
            )
        ]

    def __str__(self):
        return self.language


class TranslationRecord(models.Model):
    """What one field's translation into one language was made from: the source text
    as it was then (and its digest, to tell at a glance whether the source changed
    since), when and by whom. A translation whose source changed since is stale."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    source_digest = models.CharField(_("digest of the source text"), max_length=64)
    source_text = models.TextField(_("source text"), blank=True)
    translated_at = models.DateTimeField(_("translated on"), auto_now=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_record_per_translation",
            )
        ]
        # One per language: a translator may translate into theirs, and only theirs.
        permissions = _translate_permissions()

    def __str__(self):
        return f"{self.field} ({self.language})"


def admin_languages():
    # A callable, so that migrations name it rather than copy the table of languages.
    return settings.LANGUAGES


class StaffProfile(models.Model):
    """What a staff member chooses for themselves: the language the admin speaks to them
    (citymined/preferences.py), whichever language they read the public site in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    admin_language = models.CharField(
        _("language of the admin"),
        max_length=10,
        choices=admin_languages,
        blank=True,
        help_text=_("Leave it empty and the admin follows your browser's language."),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)
