"""Whatever staff (or an import, or a script) store in any text field, visitors' pages
never carry a script, an event handler or a script address made from it."""

import pytest
from django.db import models

from content.models import Organisation
from pages.models import Page
from projects.models import Partner, Project
from tests.factories import LANGUAGES, add_gallery
from tests.hostile.xss import PAYLOADS, problems_in

pytestmark = pytest.mark.django_db


def text_fields(model):
    """The text an editor can type into: every char and text column but addresses,
    choices and e-mail (which forms and models refuse when they are not addresses)."""
    skipped = (models.SlugField, models.URLField, models.EmailField)
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not isinstance(field, skipped)
        and not field.choices
        and field.name not in {"phones", "links", "country", "postal_code"}
    ]


def fill(obj, payload):
    for name in text_fields(type(obj)):
        max_length = type(obj)._meta.get_field(name).max_length
        setattr(obj, name, payload[:max_length] if max_length else payload)
    obj.save()


@pytest.fixture
def hostile_site(site_content):
    project = Project.objects.published().filter(project_partners__isnull=False).first()
    add_gallery(project)
    page = Page.objects.published().exclude(is_home=True).first()
    objects = [
        page,
        Page.objects.get(is_home=True),
        project,
        *project.images.all(),
        *Partner.objects.filter(project_roles__project=project),
        *project.cities.all(),
        *project.themes.all(),
        Organisation.objects.get(),
    ]
    return objects, project, page


def visitor_pages(project, page, payload):
    for code in LANGUAGES:
        yield f"/{code}/"
        yield from (project.get_absolute_url(), page.get_absolute_url())
    yield from ("/en/projects/", "/en/supporters/", "/en/projects/feed.atom", "/sitemap.xml")
    yield f"/en/search/?q={payload}"


def test_no_payload_in_any_field_runs_on_any_page(client, hostile_site):
    objects, project, page = hostile_site
    tried = 0
    for payload in PAYLOADS:
        for obj in objects:
            fill(obj, payload)
            tried += len(text_fields(type(obj)))
        for path in visitor_pages(Project.objects.get(pk=project.pk), page, payload):
            response = client.get(path, follow=True)
            assert response.status_code in {200, 404}, (payload, path)
            assert problems_in(response.content.decode()) == [], (payload, path)
    assert len(PAYLOADS) >= 50
    assert tried >= 50 * 50
