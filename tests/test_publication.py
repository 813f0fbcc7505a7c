"""Staff can trust what the lists say about publication, and the site keeps to it."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.cache import get_max_age
from django.utils.formats import date_format

from content.models import next_publication
from pages.models import Page
from tests.factories import make_page, tomorrow

pytestmark = pytest.mark.django_db


def test_lists_say_draft_scheduled_with_its_date_or_published(admin_client, empty_site):
    make_page(suffix="live", title_en="Live page")
    soon = make_page(suffix="soon", title_en="Soon page", published_at=tomorrow())
    make_page(suffix="draft", title_en="Draft page", status=Page.Status.DRAFT)
    html = admin_client.get("/admin/pages/page/").content.decode()
    with translation.override("en"):
        when = date_format(timezone.localtime(soon.published_at), "SHORT_DATETIME_FORMAT")
    assert f'class="field-publication">Scheduled for {when}<' in html
    assert html.count('class="field-publication">Published<') == 1
    assert html.count('class="field-publication">Draft<') == 1


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("draft", ["Draft page"]), ("scheduled", ["Soon page"]), ("published", ["Live page"])],
)
def test_lists_filter_by_publication(admin_client, empty_site, choice, expected):
    make_page(suffix="live", title_en="Live page")
    make_page(suffix="soon", title_en="Soon page", published_at=tomorrow())
    make_page(suffix="draft", title_en="Draft page", status=Page.Status.DRAFT)
    html = admin_client.get(f"/admin/pages/page/?publication={choice}").content.decode()
    shown = [title for title in ["Live page", "Soon page", "Draft page"] if title in html]
    assert shown == expected


def test_a_scheduled_page_appears_on_time_with_the_page_cache_on(client, site_content, page_cache):
    soon = timezone.now() + timedelta(seconds=60)
    make_page(suffix="soon", title_en="Soon page", published_at=soon, show_in_footer=True)
    client.get("/en/")  # kept in the cache
    assert "Soon page" not in client.get("/en/").content.decode()
    # Later than its moment, but well within PAGE_CACHE_SECONDS.
    later, real_time = soon + timedelta(seconds=1), time.time
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        patch.setattr(time, "time", lambda: real_time() + 62)
        assert "Soon page" in client.get("/en/").content.decode()


def test_an_expiring_page_leaves_on_time_with_the_page_cache_on(
    client, site_content, page_cache, settings
):
    settings.HTTP_CACHE_SECONDS = 300
    expiry = timezone.now() + timedelta(seconds=60)
    leaving = make_page(suffix="leaving", title_en="Leaving page", expires_at=expiry)
    leaving.show_in_footer = True
    leaving.save()
    assert next_publication() == expiry
    kept = client.get("/en/")  # kept in the cache
    assert "Leaving page" in kept.content.decode()
    # Nor does a proxy or a browser keep the page past the moment.
    assert get_max_age(kept) <= 60
    later, real_time = expiry + timedelta(seconds=1), time.time
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        patch.setattr(time, "time", lambda: real_time() + 62)
        assert "Leaving page" not in client.get("/en/").content.decode()
        assert client.get(leaving.get_absolute_url()).status_code == 404
        assert next_publication() is None or next_publication() > later


def test_preview_keeps_working_in_every_language_of_the_switcher(admin_client):
    make_page(status=Page.Status.DRAFT)
    html = admin_client.get("/en/press/?preview").content.decode()
    french = re.search(r'<a href="([^"]+)" lang="fr"', html).group(1).replace("&amp;", "&")
    chosen = admin_client.get(french)
    assert chosen["Location"] == "/fr/presse/?preview"
    assert admin_client.get(chosen["Location"]).status_code == 200


def test_only_the_preview_may_be_framed_and_only_by_the_site(admin_client, client, about):
    preview = admin_client.get("/en/about/?preview")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    public = client.get("/en/about/")
    assert public["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]


def test_the_admins_preview_is_offered_to_those_who_may_change_the_item(admin_client, about):
    form = admin_client.get(f"/admin/pages/page/{about.pk}/change/").content.decode()
    preview_url = f"/admin/pages/page/{about.pk}/preview/"
    assert f'href="{preview_url}"' in form
    preview = admin_client.get(preview_url).content.decode()
    assert 'src="/en/about/?preview"' in preview
    assert 'aria-pressed="false"' in preview and "Phone width (390 px)" in preview
