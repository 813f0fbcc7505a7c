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
