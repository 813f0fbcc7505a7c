"""Publishing is a permission of its own: staff without it write and save drafts, but
cannot publish, unpublish or reschedule, whatever request they send."""

import re

import pytest
from reversion.models import Version

from pages.models import Page
from projects.models import Project
from tests.admin_forms import change_url, form_id, open_change_form, signed_in, versions_of
from tests.factories import make_editor, make_page, make_staff, tomorrow

pytestmark = pytest.mark.django_db

REFUSAL = "Publishing, unpublishing and the publication date need the permission to publish."


@pytest.fixture
def writer():
    """Staff who may add and change pages and projects, but not publish them."""
    return signed_in(
        make_staff(
            "writer",
            permissions=[
                f"{app}.{action}_{model}"
                for app, model in [("pages", "page"), ("projects", "project")]
                for action in ("add", "change", "view")
            ],
        )
    )


@pytest.fixture
def draft(site_content):
    return make_page(status=Page.Status.DRAFT)


def test_without_the_permission_status_and_date_are_shown_locked(writer, draft):
    html = writer.get(change_url(draft)).content.decode()
    for name in ("status", "published_at_0", "published_at_1", "expires_at_0", "expires_at_1"):
        assert re.search(rf'<[^>]+name="{name}"[^>]* disabled', html), name
    assert not re.search(r'<[^>]+name="title_en"[^>]* disabled', html)


def test_without_the_permission_a_draft_is_saved(writer, draft):
    data = open_change_form(writer, change_url(draft), form_id(draft))
    data["title_en"] = ["Press, rewritten"]
    assert writer.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Press, rewritten"
    assert draft.status == Page.Status.DRAFT


@pytest.mark.parametrize(
    "change",
    [
        {"status": ["published"]},
        {"published_at_0": ["2031-01-01"], "published_at_1": ["10:00:00"]},
    ],
    ids=["status", "publication date"],
)
def test_a_crafted_request_to_publish_is_refused_with_the_input_kept(writer, draft, change):
    data = open_change_form(writer, change_url(draft), form_id(draft))
    data["title_en"] = ["Press, rewritten"]
    response = writer.post(change_url(draft), {**data, **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSAL in html
    assert 'value="Press, rewritten"' in html
    stored = Page.objects.get(pk=draft.pk)
    assert (stored.status, stored.published_at, stored.title_en) == (
        draft.status,
        draft.published_at,
        draft.title_en,
    )


def test_a_crafted_request_to_unpublish_a_project_is_refused(writer, site_content):
    project = Project.objects.published().first()
    data = open_change_form(writer, change_url(project), form_id(project))
    response = writer.post(change_url(project), {**data, "status": ["draft"]})
    assert REFUSAL in response.content.decode()
    assert Project.objects.get(pk=project.pk).is_public()


def test_adding_an_item_as_published_is_refused_and_as_a_draft_accepted(writer, site_content):
    data = open_change_form(writer, "/admin/pages/page/add/", "page_form")
    data.update(title_en=["Jobs"], slug_en=["jobs"], body_en=["<p>We are hiring.</p>"])
    response = writer.post("/admin/pages/page/add/", {**data, "status": ["published"]})
    assert REFUSAL in response.content.decode()
    assert not Page.objects.filter(slug_en="jobs").exists()
    assert writer.post("/admin/pages/page/add/", data).status_code == 302
    assert Page.objects.get(slug_en="jobs").status == Page.Status.DRAFT


def test_bringing_back_a_version_that_was_published_is_refused(writer, admin_client, draft):
    data = open_change_form(admin_client, change_url(draft), form_id(draft))
    admin_client.post(change_url(draft), {**data, "status": ["published"]})
    data = open_change_form(admin_client, change_url(draft), form_id(draft))
    admin_client.post(change_url(draft), {**data, "status": ["draft"]})
    published = versions_of(draft)[0]
    restore = f"{change_url(draft).removesuffix('change/')}history/{published.pk}/restore/"
    response = writer.post(restore, follow=True)
    assert "needs the permission to publish" in response.content.decode()
    assert Page.objects.get(pk=draft.pk).status == Page.Status.DRAFT
    assert Version.objects.get_for_object(draft).count() == 2


def test_an_editor_publishes(site_content, draft):
    editor = signed_in(make_editor())
    data = open_change_form(editor, change_url(draft), form_id(draft))
    data.update(published_at_0=["2020-01-01"], published_at_1=["10:00:00"])
    assert editor.post(change_url(draft), {**data, "status": ["published"]}).status_code == 302
    assert Page.objects.get(pk=draft.pk).is_public()


def test_a_scheduled_item_cannot_be_taken_back_to_draft(writer, site_content):
    page = make_page(published_at=tomorrow())
    data = open_change_form(writer, change_url(page), form_id(page))
    response = writer.post(change_url(page), {**data, "status": ["draft"]})
    assert REFUSAL in response.content.decode()


def test_recovering_a_deleted_published_item_is_refused(writer, admin_client, site_content):
    page = make_page(suffix="gone")
    data = open_change_form(admin_client, change_url(page), form_id(page))
    admin_client.post(change_url(page), data)
    admin_client.post(change_url(page).replace("/change/", "/delete/"), {"post": "yes"})
    deleted = Version.objects.get_deleted(Page).get(object_id=str(page.pk))
    response = writer.get(f"/admin/pages/page/recover/{deleted.pk}/", follow=True)
    assert "needs the permission to publish" in response.content.decode()
    assert not Page.objects.filter(pk=page.pk).exists()
