"""A website address can only ever be an http(s) link, however it was saved."""

import pytest
from django.core.exceptions import ValidationError

from projects.models import Partner, Project
from tests.factories import make_partner, make_project

pytestmark = pytest.mark.django_db

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "file:///etc/passwd",
]
MODELS = [(Project, "website"), (Partner, "website")]


@pytest.mark.parametrize("address", HOSTILE)
def test_a_script_address_saved_outside_a_form_is_refused(address, city):
    project = make_project("safe", cities=[city])
    partner = make_partner("safe")
    for item in (project, partner):
        item.website = address
        with pytest.raises(ValidationError):
            item.save()


def test_every_url_field_refuses_other_schemes():
    from django.apps import apps
    from django.db import models

    url_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    ]
    assert url_fields
    for field in url_fields:
        for address in HOSTILE:
            with pytest.raises(ValidationError):
                field.run_validators(address.strip())


def test_a_script_address_stored_before_the_rule_is_never_linked(client, city):
    project = make_project("old", cities=[city])
    Project.objects.filter(pk=project.pk).update(website="javascript:alert(1)")
    partner = make_partner("old")
    Partner.objects.filter(pk=partner.pk).update(website="javascript:alert(2)")
    project.project_partners.create(partner=partner, role="funder")
    html = client.get(project.get_absolute_url()).content.decode()
    html += client.get("/en/supporters/").content.decode()
    assert "javascript:" not in html


def test_an_ordinary_address_is_linked(client, city):
    project = make_project("ok", cities=[city], website="https://example.org/ok")
    html = client.get(project.get_absolute_url()).content.decode()
    assert 'href="https://example.org/ok"' in html
