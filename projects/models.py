from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, ProtectedError, Value
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caching.fragments import cached, cached_many
from content.models import Content, PublishedQuerySet
from content.web_addresses import WebAddressField, web_address
from media.models import Image
from media.offered import OfferedDocument

FIRST_YEAR = 1990
LAST_YEAR = 2100


class KeptWhileUsedQuerySet(models.QuerySet):
    def delete(self):
        for item in self:
            item.refuse_deleting_while_used()
        return super().delete()


class KeptWhileUsed(models.Model):
    """Cities and themes say what projects are about: deleting one that projects use
    would silently leave them without it (and a project needs a city). Refused before
    anything is deleted, from the admin, the shell or a script alike."""

    objects = KeptWhileUsedQuerySet.as_manager()

    class Meta:
        abstract = True

    def refuse_deleting_while_used(self):
        uses = uses_of(self)
        if uses:
            raise ProtectedError(" ".join(str(use) for use in uses), set(self.projects.all()))

    def delete(self, *args, **kwargs):
        self.refuse_deleting_while_used()
        return super().delete(*args, **kwargs)


class City(KeptWhileUsed):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name

    @classmethod
    def all_cached(cls):
        """Every city, in order: few, shown on every card and filter, cached by the
        process until an edit to them."""
        return cached("cities", lambda: list(cls.objects.all()))


class Theme(KeptWhileUsed):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @classmethod
    def all_cached(cls):
        """Every theme, in order (see City.all_cached())."""
        return cached("themes", lambda: list(cls.objects.all()))


class PartnerQuerySet(models.QuerySet):
    def current_funders(self):
        """The funders every page's footer thanks."""
        return self.filter(kind=Partner.Kind.FUNDER, is_current=True)

    def past_funders(self):
        return self.filter(kind=Partner.Kind.FUNDER, is_current=False)

    def partners(self):
        return self.filter(kind=Partner.Kind.PARTNER)


class Partner(models.Model):
    """An organisation City Mine(d) works with: a partner, a funder, or both over time."""

    class Kind(models.TextChoices):
        FUNDER = "funder", _("Funder")
        PARTNER = "partner", _("Partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PARTNER)
    # From the library, where its description is kept in every language; an image in
    # use cannot be deleted.
    logo = models.ForeignKey(
        Image,
        verbose_name=_("logo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_logos",
    )
    website = WebAddressField(_("website"), blank=True)
    description = models.CharField(_("short description"), max_length=500, blank=True)
    acknowledgement = models.CharField(
        _("acknowledgement"),
        max_length=300,
        blank=True,
        help_text=_("The line this funder asks to appear on the work it supports."),
    )
    is_current = models.BooleanField(
        _("supports us now"),
        default=True,
        help_text=_("Current funders appear in every page's footer."),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("partner or funder")
        verbose_name_plural = _("partners and funders")

    def __str__(self):
        return self.name

    def linked_data(self):
        data = {"@type": "Organization", "name": self.name}
        if web_address(self.website):
            data["url"] = web_address(self.website)
        return data


class ProjectQuerySet(PublishedQuerySet):
    def featured(self):
        return self.published().filter(featured=True)

    def ongoing(self):
        return self.filter(end_year__isnull=True)


# Ongoing projects first, then by start year, newest first: the order of every list.
ONGOING_FIRST = models.ExpressionWrapper(
    models.Q(end_year__isnull=True), output_field=models.BooleanField()
).desc()
IN_ORDER = (ONGOING_FIRST, F("start_year").desc(), F("id"))
# Related projects are looked for first among this many at the top of the list
# (Project.related).
RELATED_AMONG_FIRST = 200


class Project(Content):
    teaser = models.CharField(
        _("teaser"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists, search engines and link previews."),
    )
    cities = models.ManyToManyField(City, verbose_name=_("cities"), related_name="projects")
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="projects", blank=True
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Leave empty while the project is ongoing."),
    )
    cover = models.ForeignKey(
        Image,
        verbose_name=_("cover image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_covers",
    )
    # The caption of this use of the picture; empty, the picture's own.
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    website = WebAddressField(_("website"), blank=True)
    partners = models.ManyToManyField(
        Partner,
        through="ProjectPartner",
        verbose_name=_("partners and funders"),
        related_name="projects",
        blank=True,
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )

    objects = ProjectQuerySet.as_manager()

    summary_field = "teaser"
    og_type = "article"
    shown_only_on_its_page = ("body", "cover_caption")
    slug_taken_message = _("Another project already uses this address.")

    class Meta:
        ordering = [ONGOING_FIRST, "-start_year", "pk"]
        # Lists read the first rows of an index in their order instead of sorting every
        # project: the admin's, the published ones (the site's lists, related projects)
        # and the featured ones (the home page).
        indexes = [
            models.Index(*IN_ORDER, name="project_order"),
            models.Index(F("status"), *IN_ORDER, name="project_published_order"),
            models.Index(F("featured"), F("status"), *IN_ORDER, name="project_featured_order"),
            # The feed reads the newest in this order, and the sitemap index counts and
            # dates the published projects from the index alone, rather than from every
            # project's row. SQLite's planner needs the tables' figures to leave the
            # lists to their own indexes (content/planner.py).
            models.Index(
                F("status"),
                F("published_at"),
                F("updated_at"),
                F("id"),
                # Whether it has expired, read from the index too (published()).
                F("expires_at"),
                name="project_published_dates",
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @cached_property
    def listed_cities(self):
        """Its cities, in their order: given to a whole list at once by
        attach_card_data(), else asked for."""
        return list(self.cities.all())

    @cached_property
    def listed_themes(self):
        return list(self.themes.all())

    @cached_property
    def gallery(self):
        """Its pictures, in order, read once per process until an edit to them."""
        return cached(
            ("project-gallery", self.pk), lambda: list(self.images.select_related("image"))
        )

    @cached_property
    def credits(self):
        """Who took part in it and how (its ProjectPartner rows, in order, with their
        partners and logos), read once per process until an edit to them, for its page and
        its structured data."""
        return cached(
            ("project-credits", self.pk),
            lambda: list(self.project_partners.select_related("partner__logo")),
        )

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("A project cannot end before it starts.")})

    def linked_data(self, head):
        data = {
            "@type": "Project",
            "name": head["title"],
            "description": head["description"],
            "url": head["canonical"],
            "image": head["image"],
            "foundingDate": str(self.start_year),
            "parentOrganization": {"@id": head["organisation_id"]},
            "location": [{"@type": "Place", "name": city.name} for city in self.listed_cities],
            # From the partners the page has fetched already.
            "funder": [
                role.partner.linked_data()
                for role in self.credits
                if role.role == ProjectPartner.Role.FUNDER
            ],
        }
        if self.end_year:
            data["dissolutionDate"] = str(self.end_year)
        if web_address(self.website):
            data["sameAs"] = [web_address(self.website)]
        return data

    def related(self, count=3):
        """The ids of other published projects sharing a theme with this one, in the
        lists' order (a list): one query, which does not need this project's themes
        first, or two. Pages ask projects.cards.related_ids(), which keeps them."""
        links = Project.themes.through.objects
        own_themes = links.filter(project_id=self.pk).values("theme_id")
        others = Project.objects.published().exclude(pk=self.pk)
        # A common theme's projects are among the first of the list: read those in its
        # order and stop at the first few, rather than gather thousands and sort them.
        first_in_list = others.values("pk")[:RELATED_AMONG_FIRST]
        sharing = links.filter(project_id=OuterRef("pk"), theme_id__in=own_themes)
        found = others.filter(pk__in=first_in_list).filter(Exists(sharing))
        found = list(found.values_list("pk", flat=True)[:count])
        if len(found) == count:
            return found
        # A rare theme's few projects, found through the theme.
        sharing = links.filter(theme_id__in=own_themes).values("project_id")
        return list(others.filter(pk__in=sharing).values_list("pk", flat=True)[:count])


def attach_card_data(projects, also=()):
    """Give each project its cover (one query for all of them), and its cities and
    themes (`project.listed_cities`, `project.listed_themes`), in one query for any
    number of projects, or none: which ones each project has is cached by the process
    until an edit to the links, cities or themes. `also`: ids of projects whose cards the
    page draws next, whose cities and themes the same query reads."""
    projects = [project for project in projects if project.pk is not None]
    if not projects:
        return
    # Their covers, from the library, in one query.
    models.prefetch_related_objects(projects, "cover")
    language = get_language()
    keys = {pk: ("project-links", pk, language) for pk in [p.pk for p in projects] + [*also]}
    linked = cached_many(keys.values(), _read_links)
    for project in projects:
        # Plain lists: a queryset per card and kind would cost more than the query.
        for kind, items in linked[keys[project.pk]].items():
            project.__dict__[f"listed_{kind}"] = items


def _read_links(keys):
    """{key: {"cities": [City], "themes": [Theme]}} for the projects named in `keys`, each
    kind in its own order, read with the rows that link them, both kinds in one query."""
    ids = {key[1]: key for key in keys}
    language = keys[0][2]
    kinds = _linked_kinds()
    cities, themes = (_links(kind, names, ids, language) for kind, (_, names) in kinds.items())
    linked = {key: {kind: [] for kind in kinds} for key in keys}
    rows = cities.union(themes, all=True).order_by("kind", "item_order", "sort_name")
    for project_id, kind, _name, *values in rows:
        model, names = kinds[kind]
        linked[ids[project_id]][kind].append(model.from_db(None, names, values[: len(names)]))
    return linked


def _linked_kinds():
    """{kind: (model, the fields a card reads of it)}: a city's, in every language (known
    once translations are registered), which a theme has too, and its order."""
    fields = [field.attname for field in City._meta.concrete_fields]
    return {"cities": (City, fields), "themes": (Theme, [*fields, "order"])}


def _links(kind, names, project_ids, language):
    """The rows linking the projects to their cities or themes, with the fields `names`
    of what they link to: as many columns for both kinds, the last one its order (a
    city's is 0)."""
    item = Project._meta.get_field(kind).m2m_reverse_field_name()
    columns = {f"item_{name}": F(f"{item}__{name}") for name in names}
    columns.setdefault("item_order", Value(0))
    return (
        getattr(Project, kind)
        .through.objects.filter(project_id__in=project_ids)
        .annotate(kind=Value(kind), sort_name=F(f"{item}__name_{language}"), **columns)
        .values_list("project_id", "kind", "sort_name", *columns)
    )


class ProjectPartner(models.Model):
    """Who took part in a project, and how."""

    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder")
        PARTNER = "partner", _("Partner")
        HOST = "host", _("Host")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_partners")
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner or funder"),
        on_delete=models.PROTECT,
        related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.PARTNER)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("partner in the project")
        verbose_name_plural = _("partners in the project")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner", "role"], name="one_role_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"

    def deletion_phrase(self):
        """How the delete confirmation names this row: a link, not a thing of its own."""
        return _("its link to the %(role)s “%(partner)s”") % {
            "role": self.get_role_display().lower(),
            "partner": self.partner,
        }


class GalleryImage(models.Model):
    """One picture of the library in a project's gallery: the same picture may be in
    several galleries, and its caption here says what it shows in this one."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        Image,
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gallery_uses",
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to show the picture's own caption."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    # Only its project's page shows it (caching/invalidation.py).
    shown_only_on_page_of = "project"

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def __str__(self):
        return str(self.image) if self.image_id else str(_("gallery image"))


def uses_of(item):
    """What deleting a city or theme would take from projects: one line per project."""
    return [
        _("“%(project)s” is in %(item)s: move it to another %(kind)s first.")
        % {"project": project, "item": item, "kind": item._meta.verbose_name}
        for project in item.projects.all()
    ]


class ProjectDocument(OfferedDocument):
    """A document the project offers for download (its reports, a flyer)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="offered_documents")
