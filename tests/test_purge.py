"""After an edit, the proxy in front is asked for every address the edit changed."""

import threading
from datetime import timedelta

import pytest

from content.models import url_in
from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db


def test_an_edit_refreshes_the_item_in_every_language_and_the_lists(
    proxy, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.published_at -= timedelta(days=1)
        about.save()
    paths = proxy.paths()
    assert paths
    assert {"/nl/over-ons/", "/fr/a-propos/", "/en/about/"} <= paths
    assert {"/nl/", "/en/projects/", "/en/projects/feed.atom", "/sitemap.xml"} <= paths
    assert {(host, header) for host, _path, header in proxy} == {("www.example.org", "1")}


def test_a_gallery_picture_purges_its_projects_page(
    proxy, site_content, django_capture_on_commit_callbacks
):
    from projects.models import GalleryImage, Project
    from tests.factories import make_image

    project = Project.objects.published().first()
    picture = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        GalleryImage.objects.create(project=project, image=picture)
    paths = proxy.paths()
    assert paths
    assert {url_in(project, code) for code in LANGUAGES} <= paths


def test_a_new_kind_of_contents_list_is_purged_without_being_named(settings):
    """Every address that takes no argument is purged: a new app's list is one."""
    from django.urls import path
    from django.views.generic import TemplateView

    from caching import purge

    settings.FRONTEND_CACHE_URL = "http://127.0.0.1:9"
    urls = type("urls", (), {})()
    urls.urlpatterns = [
        path("news/", TemplateView.as_view(), name="news-list"),
        path("news/<slug:slug>/", TemplateView.as_view(), name="news-item"),
    ]
    settings.ROOT_URLCONF = urls
    purge.list_addresses.cache_clear()
    try:
        assert purge.list_addresses() == {"/news/"}
    finally:
        purge.list_addresses.cache_clear()


def test_without_a_proxy_nothing_is_asked(settings, about, django_capture_on_commit_callbacks):
    settings.FRONTEND_CACHE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        about.save()
    assert not any(thread.name == "purge" for thread in threading.enumerate())


def test_what_content_points_to_purges_the_items_pointing_to_it(proxy, site_content):
    """A picture of the library is not content: an edit of it purges the pages of the
    items that show it, found by their keys to it, without naming either."""
    from caching import purge
    from projects.models import City, Partner, Project

    city = City.objects.filter(projects__isnull=False).first()
    showing = purge.addresses_showing(city)
    for project in Project.objects.filter(cities=city):
        assert {url_in(project, code) for code in LANGUAGES} <= showing
    # Through a part (a project's partner and its role): the part's owner.
    partner = Partner.objects.filter(project_roles__isnull=False).first()
    showing = purge.addresses_showing(partner)
    for role in partner.project_roles.all():
        assert {url_in(role.project, code) for code in LANGUAGES} <= showing


def test_a_library_pictures_new_description_purges_the_pages_showing_it(
    proxy, site_content, django_capture_on_commit_callbacks
):
    """Whatever points to the library's pictures (a cover, a gallery's picture) is found
    by its key: the pages of the items that show the picture are purged."""
    from django.apps import apps

    from caching.version import stored_version
    from media.models import Image
    from tests.factories import make_image

    keys = [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_label != "media"
        for field in model._meta.fields
        if field.related_model is Image
    ]
    items = [
        (item, field, pages_of(item))
        for model, field in keys
        for item in model._base_manager.all()[:1]
        if pages_of(item)
    ]
    if not items:
        pytest.skip("No content shows pictures of the library yet (issue 22, point 8).")
    item, field, shown_on = items[0]
    image = make_image("shown")
    with django_capture_on_commit_callbacks(execute=True):
        setattr(item, field.name, image)
        item.save()
    proxy.paths()
    proxy.clear()
    version = stored_version()[0]

    with django_capture_on_commit_callbacks(execute=True):
        image.alt_en = "A new description"
        image.save()

    assert stored_version()[0] != version
    paths = proxy.paths()
    for owner in shown_on:
        assert {url_in(owner, code) for code in LANGUAGES} <= paths


def pages_of(item):
    """The items with pages that show `item`: itself, or for a part, its owner."""
    owners = [
        getattr(item, key.name)
        for key in item._meta.fields
        if key.many_to_one and hasattr(key.related_model, "get_absolute_url")
    ]
    shown_on = [item] if hasattr(item, "get_absolute_url") else []
    return shown_on + [owner for owner in owners if owner is not None]
