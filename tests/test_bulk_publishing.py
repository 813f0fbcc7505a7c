"""Staff with the permission to publish publish, unpublish and schedule many items at
once from a list; each change is a version in the item's history, and the site shows it
at once, page cache on."""

import re

import pytest
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from content.models import Content, content_models, url_in
from tests.admin_forms import signed_in, versions_of
from tests.factories import (
    LANGUAGES,
    make_content,
    make_editor,
    make_page,
    make_staff,
    prefer_admin_language,
    tomorrow,
)

pytestmark = pytest.mark.django_db

NAME = "quokkabulk"


@pytest.fixture(params=content_models(), ids=lambda model: model._meta.label_lower)
def kind(request):
    return request.param


def changelist(model):
    return reverse(admin_urlname(model._meta, "changelist"))


def act(client, items, action, **data):
    model = type(items[0])
    return client.post(
        changelist(model),
        {"action": action, "_selected_action": [item.pk for item in items], **data},
        follow=True,
    )


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


def test_an_editor_publishes_and_unpublishes_items_of_every_kind_at_once(kind, client, page_cache):
    editor = signed_in(make_editor())
    drafts = [
        make_content(kind, NAME, suffix=f"-{number}", status=Content.Status.DRAFT)
        for number in range(2)
    ]
    pages = [url_in(item, LANGUAGES[0]) for item in drafts]
    assert [client.get(path).status_code for path in pages] == [404, 404]

    response = act(editor, drafts, "publish_selected")
    plural = kind._meta.verbose_name_plural
    assert f"Published: 2 {plural}." in shown_messages(response)
    assert [client.get(path).status_code for path in pages] == [200, 200]
    assert all(len(versions_of(item)) == 1 for item in drafts), "no version to undo it with"

    response = act(editor, drafts, "unpublish_selected")
    assert f"Unpublished: 2 {plural}." in shown_messages(response)
    assert [client.get(path).status_code for path in pages] == [404, 404]
    assert all(len(versions_of(item)) == 2 for item in drafts)


def test_a_bulk_change_is_undone_from_the_items_history(admin_client, site_content):
    page = make_page(suffix="-undo")
    act(admin_client, [page], "unpublish_selected")
    history = admin_client.get(reverse("admin:pages_page_history", args=[page.pk])).text
    assert "Unpublished from the list." in history
    # Its version before the change was never saved: the editor saves it, changes it
    # in bulk, and takes that change back.
    act(admin_client, [page], "publish_selected")
    act(admin_client, [page], "unpublish_selected")
    published = versions_of(page)[1]
    restore = reverse("admin:pages_page_restore", args=[page.pk, published.pk])
    admin_client.post(restore)
    page.refresh_from_db()
    assert page.is_public()


def test_an_item_that_cannot_be_published_is_named_and_left_alone(admin_client, empty_site):
    ready = make_page(suffix="-ready", status=Content.Status.DRAFT, title_en="Ready page")
    empty = make_page(suffix="-empty", status=Content.Status.DRAFT, title_en="Empty page")
    type(empty).objects.filter(pk=empty.pk).update(**{f"body_{code}": "" for code in LANGUAGES})
    response = act(admin_client, [ready, empty], "publish_selected")
    said = " ".join(shown_messages(response))
    assert "“Empty page” was left as it was: To publish it" in said
    assert "Published: 1 page." in said
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert ready.is_public() and empty.status == Content.Status.DRAFT


def test_scheduling_asks_when_then_says_how_many_in_the_editors_language(admin_user, site_content):
    prefer_admin_language(admin_user, "fr")
    editor = signed_in(admin_user, "fr")
    items = [make_page(suffix=f"-s{number}", status=Content.Status.DRAFT) for number in range(3)]
    asked = act(editor, items, "schedule_selected")
    assert asked.status_code == 200
    html = asked.content.decode()
    assert 'name="published_at_0"' in html and 'name="expires_at_0"' in html
    assert html.count('name="_selected_action"') == 3

    moment = timezone.localtime(tomorrow()).replace(hour=9, minute=30, second=0, microsecond=0)
    with translation.override("fr"):
        day = date_format(moment, "SHORT_DATE_FORMAT")
        said_moment = date_format(moment, "SHORT_DATETIME_FORMAT")
    response = act(
        editor,
        items,
        "schedule_selected",
        apply="yes",
        published_at_0=day,
        published_at_1="09:30",
    )
    assert f"Programmé pour le {said_moment} : 3 pages." in shown_messages(response)
    for item in items:
        item.refresh_from_db()
        assert item.is_scheduled() and item.published_at == moment


def test_a_schedule_that_ends_before_it_starts_is_refused_with_the_input_kept(
    admin_client, site_content
):
    page = make_page(suffix="-early", status=Content.Status.DRAFT)
    response = act(
        admin_client,
        [page],
        "schedule_selected",
        apply="yes",
        published_at_0="10/01/2031",
        published_at_1="10:00",
        expires_at_0="09/01/2031",
        expires_at_1="10:00",
    )
    html = response.content.decode()
    assert "Unpublish it after its publication date, or leave it empty." in html
    assert re.search(r'name="expires_at_0"[^>]*value="09/01/2031"', html) or re.search(
        r'value="09/01/2031"[^>]*name="expires_at_0"', html
    )
    page.refresh_from_db()
    assert page.status == Content.Status.DRAFT


def test_staff_without_the_permission_to_publish_are_offered_no_bulk_publishing(site_content):
    writer = signed_in(
        make_staff(
            "writer",
            permissions=[f"pages.{action}_page" for action in ("add", "change", "view")],
        )
    )
    html = writer.get(changelist(type(make_page(suffix="-w")))).content.decode()
    for action in ("publish_selected", "unpublish_selected", "schedule_selected"):
        assert f'value="{action}"' not in html
    draft = make_page(suffix="-writer", status=Content.Status.DRAFT)
    act(writer, [draft], "publish_selected")
    draft.refresh_from_db()
    assert draft.status == Content.Status.DRAFT


def test_the_site_shows_a_bulk_change_at_once_with_the_page_cache_on(
    admin_client, page_cache, site_content
):
    page = make_page(suffix="-cached", title_en="Cached page", show_in_footer=True)
    visitor = Client()
    assert "Cached page" in visitor.get("/en/").content.decode()
    act(admin_client, [page], "unpublish_selected")
    assert "Cached page" not in visitor.get("/en/").content.decode()
