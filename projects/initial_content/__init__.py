"""The projects, cities, themes, funders and partners the site starts with.

Texts are the site's own short descriptions in Dutch, French and English. Micronomics
has no French text yet, so its French page shows the fallback notice. Covers and logos
are generated placeholders (a coloured block with the name and "placeholder"), put in
the library with their descriptions, that editors replace with the real images."""

from datetime import datetime
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from content.models import LANGUAGE_CODES, Content
from content.seeding import create_once
from media.models import Image as LibraryImage
from projects.models import City, Partner, Project, ProjectPartner, Theme

from .texts import PARTNERS, PROJECTS

CITIES = {
    "brussels": {"name_nl": "Brussel", "name_fr": "Bruxelles", "name_en": "Brussels"},
    "london": {"name_nl": "Londen", "name_fr": "Londres", "name_en": "London"},
}

THEMES = {
    "environment": {"name_nl": "Milieu", "name_fr": "Environnement", "name_en": "Environment"},
    "democracy": {"name_nl": "Democratie", "name_fr": "Démocratie", "name_en": "Democracy"},
    "economy": {"name_nl": "Economie", "name_fr": "Économie", "name_en": "Economy"},
    "technology": {"name_nl": "Technologie", "name_fr": "Technologie", "name_en": "Technology"},
}

COLOURS = ["#1b5e20", "#0d47a1", "#b71c1c", "#4a148c", "#e65100", "#006064", "#37474f"]


def placeholder(label, size, colour, image_format):
    """A coloured block that says what it stands for and that it is a placeholder."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    big = ImageFont.load_default(size=size[1] // 8)
    small = ImageFont.load_default(size=size[1] // 14)
    draw.text((size[0] / 2, size[1] / 2), label, fill="white", font=big, anchor="mm")
    draw.text((size[0] / 2, size[1] * 0.75), "placeholder", fill="white", font=small, anchor="mm")
    output = BytesIO()
    image.save(output, format=image_format)
    return ContentFile(output.getvalue())


def _library_image(file_name, picture, texts, title, description):
    """A picture of the library titled by `texts[f"{title}_<code>"]` and described by
    `texts[f"{description}_<code>"]` in each language that has them."""
    image = LibraryImage()
    for code in LANGUAGE_CODES:
        setattr(image, f"title_{code}", texts.get(f"{title}_{code}"))
        setattr(image, f"alt_{code}", texts.get(f"{description}_{code}"))
    image.file.save(file_name, picture, save=False)
    image.save()
    return image


def _without(fields, prefix):
    return {key: value for key, value in fields.items() if not key.startswith(prefix)}


def _named(model, slug, names, **extra):
    return create_once(
        f"projects.{model._meta.model_name}.{slug}", lambda: model(slug=slug, **names, **extra)
    )


def _partner(key, fields, colour):
    def build():
        logo = placeholder(fields["name_en"], (480, 240), colour, "PNG")
        partner = Partner(**{k: v for k, v in _without(fields, "logo_alt").items() if k != "key"})
        partner.logo = _library_image(f"{key}.png", logo, fields, "name", "logo_alt")
        return partner

    return create_once(f"projects.partner.{key}", build)


def _project(fields, cities, themes, partners, colour):
    data = dict(fields)
    city_slugs, theme_slugs = data.pop("cities"), data.pop("themes")
    roles = data.pop("partners", [])

    def build():
        # Dated by the year the project began, not by the day the site was set up: the
        # feeds show this date. Midday, so that readers in any time zone see 1 January.
        began = datetime(data["start_year"], 1, 1, 12, tzinfo=timezone.get_default_timezone())
        project = Project(
            status=Content.Status.PUBLISHED, published_at=began, **_without(data, "cover_alt")
        )
        cover = placeholder(data["title_nl"], (1600, 1000), colour, "JPEG")
        project.cover = _library_image(f"{data['slug_en']}.jpg", cover, data, "title", "cover_alt")
        return project

    def relate(project):
        project.cities.set([cities[slug] for slug in city_slugs if cities.get(slug)])
        project.themes.set([themes[slug] for slug in theme_slugs if themes.get(slug)])
        for order, (key, role) in enumerate(roles):
            if partners.get(key):
                ProjectPartner.objects.create(
                    project=project, partner=partners[key], role=role, order=order
                )

    return create_once(f"projects.project.{data['slug_en']}", build, then=relate)


def load():
    before = Project.objects.count() + Partner.objects.count()
    cities = {slug: _named(City, slug, names) for slug, names in CITIES.items()}
    themes = {
        slug: _named(Theme, slug, names, order=order)
        for order, (slug, names) in enumerate(THEMES.items())
    }
    partners = {
        fields["key"]: _partner(fields["key"], fields, COLOURS[i % len(COLOURS)])
        for i, fields in enumerate(PARTNERS)
    }
    for i, fields in enumerate(PROJECTS):
        _project(fields, cities, themes, partners, COLOURS[(i + 3) % len(COLOURS)])
    return Project.objects.count() + Partner.objects.count() - before
