"""The admin's messages say what happened (issue 21): a deleted item brought back was
recovered, an old version saved back is back; not "was changed successfully"."""

import pytest
from django.contrib.messages import get_messages

from tests.admin_forms import open_change_form, save_in_admin, versions_of
from tests.factories import project_with_gallery_and_funder

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(site_content, admin_client):
    project = project_with_gallery_and_funder()
    assert save_in_admin(admin_client, project).status_code == 302
    return project


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_recovered_item_says_it_was_recovered(admin_client, project):
    assert admin_client.post(f"/admin/projects/project/{project.pk}/delete/", {"post": "yes"})
    version = versions_of(project)[-1]
    url = f"/admin/projects/project/recover/{version.pk}/"
    response = admin_client.post(url, open_change_form(admin_client, url, "project_form"))
    assert response.status_code == 302
    messages = said(response)
    assert messages == [f"The project “{version.object_repr}” was recovered."]
    assert "successfully" not in " ".join(messages)


def test_an_old_version_saved_back_says_it_is_back(admin_client, project):
    old = versions_of(project)[-1]
    save_in_admin(admin_client, project, title_en="Changed")
    url = f"/admin/projects/project/{project.pk}/history/{old.pk}/"
    response = admin_client.post(url, open_change_form(admin_client, url, "project_form"))
    assert response.status_code == 302
    (message,) = said(response)
    assert message.startswith(f"The project “{old.object_repr}” is back as it was saved on ")
