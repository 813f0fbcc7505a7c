"""Test data for the tests and the benchmark: pages, projects and what projects link to.

Every factory saves what it makes and returns it. Text comes in every language of
`settings.LANGUAGES` unless `languages=` names fewer; any model field can be set or
overridden through keyword arguments.

    make_project()                        # the sample project (PROJECT_TEXT), published
    make_project(languages=["nl", "en"])  # ... lacking French
    make_project("commons", 2011, 2015, cities=[city], themes=[theme])
                                          # titled "commons NL", "commons FR", …
    make_page(status="draft")             # the sample page (PAGE_TEXT)
    make_content(model, "quokka")         # an item of any kind of content, titled
                                          # "quokka NL", "quokka FR", …
    make_projects(1200, cities=[city], themes=[theme], funder=funder)   # in bulk
"""

from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from caching.version import invalidate
from content.models import LANGUAGE_CODES, Content, SeedRecord
from media.models import Document, Image
from media.tasks import copies_of
from pages.models import Page
from projects.initial_content import placeholder
from projects.models import City, GalleryImage, Partner, Project, ProjectPartner, Theme
from staff.models import StaffProfile
from staff.roles import EDITOR, translator_group
from tests.documents import document_upload, pdf_bytes

# Every language of the site, in the order of settings: tests about "each language"
# take their list from here, so that a language added in settings is tested too.
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The sample project and page: real sentences, so that search, feeds and the head have
# words, teasers and descriptions to work on.
PROJECT_TEXT = {
    "nl": {
        "title": "Buurtfabriek",
        "slug": "buurtfabriek",
        "teaser": "Een werkplaats voor de buurten van Brussel.",
        "body": "<p>Bewoners bouwen samen aan hun buurten.</p>",
    },
    "fr": {
        "title": "Fabrique de quartier",
        "slug": "fabrique-de-quartier",
        "teaser": "Un atelier pour les quartiers de Bruxelles.",
        "body": "<p>Les habitants imaginent ensemble le développement de leurs quartiers.</p>",
    },
    "en": {
        "title": "Neighbourhood factory",
        "slug": "neighbourhood-factory",
        "teaser": "A workshop for the neighbourhoods of Brussels.",
        "body": "<p>Residents build their neighbourhoods together.</p>",
    },
}

PAGE_TEXT = {
    "nl": {
        "title": "Pers",
        "slug": "pers",
        "description": "Foto's en teksten voor journalisten.",
        "body": "<p>Journalisten vinden hier onze persberichten.</p>",
    },
    "fr": {
        "title": "Presse",
        "slug": "presse",
        "description": "Photos et textes pour les journalistes.",
        "body": "<p>Les journalistes trouvent ici nos communiqués.</p>",
    },
    "en": {
        "title": "Press",
        "slug": "press",
        "description": "Photos and texts for journalists.",
        "body": "<p>Journalists find our press releases here.</p>",
    },
}

# A project's picture gallery: three placeholder pictures of the library (their
# descriptions, alt_*), each with its caption in the gallery (caption_*), the last
# without one.
GALLERY = [
    {
        "alt_nl": "Buurtbewoners rond een werktafel vol batterijen (placeholder)",
        "alt_fr": "Des habitants autour d'une table couverte de piles (placeholder)",
        "alt_en": "Neighbours around a work table covered in batteries (placeholder)",
        "caption_nl": "Een herstelatelier in de wijk",
        "caption_fr": "Un atelier de réparation dans le quartier",
        "caption_en": "A repair workshop in the neighbourhood",
    },
    {
        "alt_nl": "Een fietskar met zonnepanelen op een plein (placeholder)",
        "alt_fr": ("Une remorque de vélo avec des panneaux solaires sur une place (placeholder)"),
        "alt_en": "A bicycle trailer with solar panels on a square (placeholder)",
        "caption_nl": "Zonne-energie op wielen, Anneessensplein",
        "caption_fr": "L'énergie solaire sur roues, place Anneessens",
        "caption_en": "Solar power on wheels, Place Anneessens",
    },
    {
        "alt_nl": "Kinderen tekenen een kaart van hun straat (placeholder)",
        "alt_fr": "Des enfants dessinent la carte de leur rue (placeholder)",
        "alt_en": "Children drawing a map of their street (placeholder)",
        "caption_nl": "",
        "caption_fr": "",
        "caption_en": "",
    },
]


def _sample(text, code):
    # A language added to settings gets the default language's sample, with its own
    # slug, so that the factories keep working before anyone writes it a sample.
    if code in text:
        return text[code]
    fallback = text[settings.LANGUAGE_CODE]
    return {**fallback, "slug": f"{fallback['slug']}-{code}"}


def _named(name, code):
    """Text for a project or page called `name`: easy to spot in a page's HTML."""
    return {
        "title": f"{name} {code.upper()}",
        # The default language keeps the bare name, as editors' first version does.
        "slug": name if code == settings.LANGUAGE_CODE else f"{name}-{code}",
        "body": f"<p>{name}: text in {code}.</p>",
    }


def _wording(sample, name):
    """How an item reads in a language: the sample's text, or the name's."""
    if name is None:
        return lambda code: _sample(sample, code)
    return lambda code: _named(name, code)


def translated_fields(text_for, languages=None, suffix=""):
    """{"title_nl": …, "slug_nl": …} for each language, from `text_for(code)`;
    `suffix` is added to every slug, so that the same text can be saved twice."""
    fields = {}
    for code in languages or LANGUAGES:
        for field, value in text_for(code).items():
            if field == "slug" and suffix:
                value = f"{value}-{suffix}"
            fields[f"{field}_{code}"] = value
    return fields


def make_project(
    name=None,
    start_year=2019,
    end_year=None,
    *,
    languages=None,
    suffix="",
    cities=(),
    themes=(),
    **fields,
):
    """A published project with its title, slug and text in each of `languages`.

    Without a name it is the sample project of PROJECT_TEXT, teaser included. With one
    it is titled "{name} NL", "{name} FR", … and its slug is `name` in the default
    language and `{name}-{code}` in the others (commons, commons-fr, commons-en)."""
    text_for = _wording(PROJECT_TEXT, name)
    project = Project.objects.create(
        start_year=start_year,
        end_year=end_year,
        **{
            "status": Content.Status.PUBLISHED,
            **translated_fields(text_for, languages, suffix),
            **fields,
        },
    )
    project.cities.set(cities)
    project.themes.set(themes)
    return project


def make_page(name=None, *, languages=None, suffix="", **fields):
    """A published page outside the menu, with its title, slug and text in each of
    `languages`: the sample page of PAGE_TEXT (description included), or one titled
    "{name} NL", "{name} FR", … as make_project() names them."""
    text_for = _wording(PAGE_TEXT, name)
    return Page.objects.create(
        **{
            "status": Content.Status.PUBLISHED,
            "show_in_menu": False,
            **translated_fields(text_for, languages, suffix),
            **fields,
        }
    )


def make_content(model, name="item", *, languages=None, suffix="", **fields):
    """A published item of any kind of content (`model`, one of content_models()), with
    its title, slug and text in each of `languages`, titled as make_project() titles
    them, its summary (`summary_field`) too, a value for each field the model requires
    that has no default, and a link to the first of each kind of item it must be linked
    to: a new kind is made without a factory of its own."""
    summary = model.summary_field

    def text_for(code):
        text = _named(name, code)
        if summary:
            text[summary] = f"{name}: a summary in {code}."
        return text

    item = model.objects.create(
        **{
            "status": Content.Status.PUBLISHED,
            **{field.name: _required_value(field) for field in _required_fields(model)},
            **translated_fields(text_for, languages, suffix),
            **fields,
        }
    )
    # The admin's form asks for one at least of what the item must be linked to (a
    # project's cities): the first there is, where there is one.
    for relation in model._meta.many_to_many:
        linked = relation.related_model.objects.first()
        if not relation.blank and linked is not None:
            getattr(item, relation.name).set([linked])
    return item


def _required_fields(model):
    """The concrete fields of `model` that nothing fills in by itself."""
    return [
        field
        for field in model._meta.concrete_fields
        if not (field.blank or field.null or field.has_default() or field.primary_key)
        and not (field.generated or getattr(field, "auto_now", False))
        and not getattr(field, "auto_now_add", False)
        # modeltranslation's original column, filled from the language columns.
        and not hasattr(model, f"{field.name}_{LANGUAGES[0]}")
    ]


def _required_value(field):
    """A value `field` accepts: its smallest allowed number, the first of its choices,
    a word."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
        minimums = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        return max(minimums, default=1)
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.CharField | models.TextField):
        return field.name
    raise NotImplementedError(
        f"make_content() cannot fill {field.model.__name__}.{field.name}: give it a value."
    )


def make_city(slug, **names):
    """A city; `names` are its name_nl, name_fr, … (by default "{slug} NL", …)."""
    defaults = {f"name_{code}": f"{slug} {code.upper()}" for code in LANGUAGES}
    return City.objects.create(slug=slug, **{**defaults, **names})


def make_theme(slug, **names):
    """A theme; `names` are its name_nl, name_fr, … (by default "{slug} NL", …)."""
    defaults = {f"name_{code}": f"{slug} {code.upper()}" for code in LANGUAGES}
    return Theme.objects.create(slug=slug, **{**defaults, **names})


def make_partner(key, kind=Partner.Kind.FUNDER, **fields):
    """A current funder (or `kind`) named "{key} NL", "{key} FR", …, whose website is
    https://{key}.example.org/."""
    defaults = {f"name_{code}": f"{key} {code.upper()}" for code in LANGUAGES}
    defaults.update(kind=kind, website=f"https://{key}.example.org/")
    return Partner.objects.create(**{**defaults, **fields})


def add_partner(project, partner, role=ProjectPartner.Role.FUNDER):
    """`partner` supports `project` as its funder (or `role`)."""
    return ProjectPartner.objects.create(project=project, partner=partner, role=role)


def add_gallery(project):
    """Give `project` the three placeholder pictures of GALLERY, put in the library as
    {slug_en}-1.jpg, -2.jpg, -3.jpg."""
    for order, texts in enumerate(GALLERY):
        descriptions = {key: value for key, value in texts.items() if key.startswith("alt_")}
        captions = {key: value for key, value in texts.items() if key.startswith("caption_")}
        image = make_image(f"{project.slug_en}-{order + 1}", **descriptions)
        GalleryImage.objects.create(project=project, order=order, image=image, **captions)


def make_image(name="photo", size=(1200, 900), colour="#37474f", copies=True, **fields):
    """A picture in the library, described in every language unless `fields` say
    otherwise (`alt_en=""` leaves English out), with its resized copies made as the
    background worker would (`copies=False`: as before the worker has been)."""
    texts = {}
    for code in LANGUAGE_CODES:
        texts[f"title_{code}"] = f"{name} ({code})"
        texts[f"alt_{code}"] = f"{name}: what it shows ({code})"
    image = Image(**{**texts, **fields})
    image.file.save(f"{slugify(name)}.jpg", placeholder(name, size, colour, "JPEG"), save=False)
    image.save()
    if copies:
        copies_of(image)
        image.refresh_from_db()
    return image


def make_document(name="report", content=None, file_name=None, **fields):
    """A document in the library (a PDF unless `content` is another file), titled in
    every language unless `fields` say otherwise (`title_fr=""` leaves French out)."""
    texts = {f"title_{code}": f"{name} ({code})" for code in LANGUAGE_CODES}
    document = Document(**{**texts, **fields})
    document.file = document_upload(file_name or f"{slugify(name)}.pdf", content or pdf_bytes())
    document.save()
    return document


def make_projects(count, *, cities=(), themes=(), funder=None, cover=None, start=0):
    """`count` published projects numbered from `start` ("Project 12", slug project-12,
    project-12-fr, …), made in a few queries: half of them still ongoing, one in ten
    featured, each in all `cities`, on all `themes`, funded by `funder` and with the
    library's picture `cover` as its cover."""
    body = "<p>{0}</p><p>{0}</p><p>{0}</p>"
    projects = Project.objects.bulk_create(
        Project(
            **translated_fields(
                lambda code, i=i: {
                    **_named(f"project-{i}", code),
                    "title": f"Project {i}",
                    "teaser": f"A neighbourhood project ({code}).",
                    "body": body.format(f"Text of project {i} ({code})."),
                }
            ),
            start_year=1990 + i % 30,
            end_year=2021 if i % 2 else None,
            featured=i % 10 == 0,
            status=Content.Status.PUBLISHED,
            cover=cover,
        )
        for i in range(start, start + count)
    )
    Project.cities.through.objects.bulk_create(
        Project.cities.through(project=p, city=c) for p in projects for c in cities
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=p, theme=t) for p in projects for t in themes
    )
    if funder is not None:
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=p, partner=funder, role=ProjectPartner.Role.FUNDER)
            for p in projects
        )
    # bulk_create() sends no signals: as an editor's saves would, move the content on.
    invalidate()
    return projects


def load_initial_data():
    """The initial content, as `make run` loads it (nothing twice)."""
    call_command("load_initial_data", stdout=StringIO())


def delete_all_content():
    """Every page, project, supporter and picture, the initial content's included, and
    the record of what the initial content created: a site nobody has filled yet."""
    Project.objects.all().delete()
    Partner.objects.all().delete()
    # The library's pictures, once nothing uses them.
    Image.objects.all().delete()
    City.objects.all().delete()
    Theme.objects.all().delete()
    # Sub-pages first: a page with sub-pages cannot be deleted.
    Page.objects.filter(parent__isnull=False).delete()
    Page.objects.all().delete()
    SeedRecord.objects.all().delete()


def tomorrow():
    """A publication date still to come."""
    return timezone.now() + timedelta(days=1)


def project_with_gallery_and_funder():
    """A project of the initial content with a funder and no pictures yet, given two."""
    funded = Project.objects.filter(project_partners__role=ProjectPartner.Role.FUNDER)
    project = funded.filter(images__isnull=True).order_by("pk").first()
    for number in (1, 2):
        # Described in English and Dutch only.
        texts = {f"title_{code}": f"Picture {number}" for code in LANGUAGES}
        texts.update({f"alt_{code}": "" for code in LANGUAGES})
        texts.update(alt_en=f"Picture {number}", alt_nl=f"Foto {number}")
        picture = make_image(f"picture-{number}", **texts)
        GalleryImage.objects.create(project=project, image=picture, order=number)
    return project


def funder_of(project):
    return (
        ProjectPartner.objects.filter(project=project, role=ProjectPartner.Role.FUNDER)
        .first()
        .partner
    )


# Staff, as the roles make them.


def make_staff(username, *groups, permissions=()):
    """A staff account (password "a-long-passphrase") in the named groups, with any
    other permissions named as "app_label.codename"."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "a-long-passphrase", is_staff=True
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def make_editor(username="editor", **kwargs):
    return make_staff(username, EDITOR, **kwargs)


def make_translator(language, username="traductrice"):
    """A volunteer translator into `language`, in the role the site gives her."""
    return make_staff(username, translator_group(language))


def prefer_admin_language(user, language):
    """`user` chooses `language` for the admin in their preferences."""
    StaffProfile.objects.update_or_create(user=user, defaults={"admin_language": language})
