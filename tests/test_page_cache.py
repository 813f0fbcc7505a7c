"""Public pages come from the cache until the content changes."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache, caches
from django.db import OperationalError, connection
from django.middleware.locale import LocaleMiddleware
from django.test.utils import CaptureQueriesContext

from caching import pages
from content.models import Content, url_in
from media.models import Collection
from staff.models import StaffProfile
from tests.factories import LANGUAGES, make_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(page_cache):
    """Every test here runs with the page cache on."""


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


def test_a_page_seen_before_is_served_without_the_database(client, site_content):
    first, _ = queries_for(client, "/en/projects/")
    again, response = queries_for(client, "/en/projects/")
    assert first > 0 and again == 0
    assert "La Pile" in response.content.decode()


def test_a_process_just_started_serves_a_cached_page_without_the_database(client, site_content):
    """What one process cached, another (or the same after a restart, which knows
    nothing of its own) serves without asking the database anything, not even when
    the next scheduled item comes out."""
    client.get("/en/projects/")
    caches["local"].clear()
    count, response = queries_for(client, "/en/projects/")
    assert count == 0
    assert "La Pile" in response.content.decode()


def test_the_sitemaps_are_answered_before_the_rest_of_the_middleware(
    client, site_content, monkeypatch
):
    sitemaps = ("/sitemap.xml", "/sitemap-projects.xml", "/sitemap-pages.xml?p=1")
    for path in sitemaps:
        client.get(path)
    languages_chosen = []
    monkeypatch.setattr(
        LocaleMiddleware, "process_request", lambda self, request: languages_chosen.append(request)
    )
    for path in sitemaps:
        count, response = queries_for(client, path)
        assert count == 0 and b"<loc>" in response.content
    assert languages_chosen == [], "a kept sitemap went through the language middleware"


def test_a_change_shows_in_the_sitemap_at_once(client, about):
    client.get("/sitemap-pages.xml")
    about.slug_en = "who-we-are"
    about.save()
    assert "/en/who-we-are/" in client.get("/sitemap-pages.xml").content.decode()


def test_an_editors_change_shows_at_once(client, about):
    client.get("/en/about/")
    about.title_en = "Who we are"
    about.save()
    assert "<h1>Who we are</h1>" in client.get("/en/about/").content.decode()


def test_a_change_every_language_shows_puts_every_language_out_of_date(client, site_content):
    from projects.models import Project

    project = Project.objects.published().filter(end_year__isnull=False).first()
    paths = [url_in(project, code) for code in LANGUAGES]
    for path in paths:
        client.get(path)
    project.end_year += 1
    project.save()
    for path in paths:
        assert str(project.end_year) in client.get(path).content.decode(), path


def test_a_language_showing_anothers_text_sees_that_text_change(client, about):
    about.body_fr = ""
    about.save()
    french = url_in(about, "fr")
    client.get(french)
    fallback = settings.CONTENT_FALLBACKS["fr"][0]
    setattr(about, f"body_{fallback}", "<p>Revised, and shown in French too.</p>")
    about.save()
    assert "Revised, and shown in French too." in client.get(french).content.decode()


def published_projects(count=2):
    from projects.models import Project

    return list(Project.objects.published().order_by("pk")[:count])


def test_a_change_to_what_another_languages_page_shows_reaches_it(client, about):
    """The French page of an item without French text shows another language's text,
    and that language's description in its head."""
    fallback = settings.CONTENT_FALLBACKS["fr"][0]
    about.body_fr, about.description_fr = "", "Qui nous sommes"
    about.save()
    french = url_in(about, "fr")
    client.get(french)
    setattr(about, f"description_{fallback}", "A description the French page shows")
    about.save()
    assert "A description the French page shows" in client.get(french).content.decode()


def test_a_change_to_what_lists_show_reaches_the_lists(client, site_content):
    project = published_projects(1)[0]
    client.get("/en/projects/")
    project.teaser_en = "A teaser every list shows."
    project.save()
    assert "A teaser every list shows." in client.get("/en/projects/").content.decode()


def test_a_change_to_an_items_own_text_shows_in_the_sitemap(client, site_content):
    project = published_projects(1)[0]
    client.get("/sitemap.xml")
    client.get("/sitemap-projects.xml")
    project.body_en = "<p>Rewritten.</p>"
    project.save()
    for path in ("/sitemap.xml", "/sitemap-projects.xml"):
        assert queries_for(client, path)[0] > 0, f"{path} still gives the last change before"


def test_a_change_to_a_funder_reaches_every_page(client, site_content):
    from projects.models import Partner

    client.get("/nl/")
    funder = Partner.objects.filter(kind=Partner.Kind.FUNDER, is_current=True).first()
    funder.name_nl = "Nieuwe naam"
    funder.save()
    assert "Nieuwe naam" in client.get("/nl/").content.decode()


def test_each_language_and_filter_is_a_page_of_its_own(client, site_content):
    english = client.get("/en/projects/").content.decode()
    french = client.get("/fr/projets/").content.decode()
    filtered = client.get("/en/projects/?period=ongoing").content.decode()
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    assert "Micronomics" in english and "Micronomics" not in filtered


def test_staff_always_see_the_page_as_it_is_now(admin_client, client, about):
    client.get("/en/about/")
    type(about).objects.filter(pk=about.pk).update(title_en="Changed without signals")
    assert "Changed without signals" in admin_client.get("/en/about/").content.decode()


def test_search_results_are_not_kept(client, site_content):
    client.get("/en/search/?q=water")
    count, _ = queries_for(client, "/en/search/?q=water")
    assert count > 0


def test_not_found_is_not_kept(client, site_content):
    assert client.get("/en/no-such-page/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/no-such-page/").status_code == 404
    assert len(queries) > 0


# A staff member's own preferences show on no public page, nor do the library's
# collections (its pictures do).
SHOWN_ONLY_IN_THE_ADMIN = {StaffProfile, Collection}


def models_staff_edit():
    """Every model of the site's own apps with an admin screen or inline (not those of
    staff accounts, logins and other libraries)."""
    from django.conf import settings
    from django.contrib import admin

    edited = set()
    for model, model_admin in admin.site._registry.items():
        edited.add(model)
        edited.update(inline.model for inline in model_admin.inlines)
    own = str(settings.BASE_DIR)
    return {
        model
        for model in edited
        if model._meta.app_config.path.startswith(own)
        and ".venv" not in model._meta.app_config.path
        and model not in SHOWN_ONLY_IN_THE_ADMIN
    }


def test_every_change_staff_can_make_puts_cached_pages_out_of_date(site_content):
    from caching.version import current_version as content_version
    from pages.models import Page
    from projects.models import GalleryImage, Project
    from tests.factories import make_document, make_image

    GalleryImage.objects.create(project=Project.objects.first(), image=make_image())
    document = make_document("Annual report")
    Project.objects.first().offered_documents.create(document=document)
    Page.objects.first().offered_documents.create(document=document)
    models = models_staff_edit()
    assert len(models) >= 8
    for model in models:
        obj = model.objects.first()
        # The initial content invents no news or events: a kind it leaves empty gets one.
        if obj is None and issubclass(model, Content):
            obj = make_content(model)
        assert obj is not None, f"no {model.__name__} to change"
        before = content_version()
        obj.save()
        assert content_version() != before, f"saving a {model.__name__} left pages cached"


def cache_entries():
    return len(cache._cache)


def test_unknown_query_parameters_add_nothing_to_the_cache(client, site_content):
    client.get("/en/projects/?theme=environment")
    entries = cache_entries()
    for number in range(50):
        response = client.get(f"/en/projects/?theme=environment&utm_source=mail{number}")
        assert response.status_code == 200
    assert cache_entries() == entries


def test_a_page_asked_with_tracking_parameters_is_the_page_without_them(client, site_content):
    client.get("/en/projects/")
    count, response = queries_for(client, "/en/projects/?utm_source=newsletter&fbclid=x")
    assert count == 0
    html = response.content.decode()
    assert "utm_source" not in html
    assert "fbclid" not in html


def test_head_is_answered_from_the_same_entry_as_get(client, site_content):
    client.get("/en/projects/")
    with CaptureQueriesContext(connection) as queries:
        response = client.head("/en/projects/")
    assert response.status_code == 200
    assert len(queries) == 0


def test_the_filters_a_page_reads_still_make_pages_of_their_own(client, site_content):
    everything = client.get("/en/projects/").content.decode()
    ongoing = client.get("/en/projects/?period=ongoing").content.decode()
    assert everything != ongoing


def test_a_made_up_session_cookie_gets_the_cached_page(client, site_content):
    client.get("/en/projects/")
    client.cookies["sessionid"] = "made-up-to-skip-the-cache"
    count, response = queries_for(client, "/en/projects/")
    assert count <= 1  # the session's look-up, not the page's queries
    assert "La Pile" in response.content.decode()


def test_a_session_cookie_gets_the_cached_page_while_the_database_is_away(
    client, site_content, monkeypatch
):
    """Sessions live in the database: while it is away, a visitor who carries a session
    cookie (a staff member reading the site) gets the cached page too, not a 503."""
    client.get("/en/projects/")
    client.cookies["sessionid"] = "a-session-the-database-holds"

    def database_away(session):
        raise OperationalError("connection timeout expired")

    monkeypatch.setattr(SessionStore, "load", database_away)
    # The store is left alone for a few seconds: not past this test.
    monkeypatch.setattr(pages, "_session_store_down_until", [0.0])
    for _attempt in range(2):
        response = client.get("/en/projects/")
        assert response.status_code == 200
        assert "La Pile" in response.content.decode()


def test_an_edit_made_through_another_process_shows_through_redis(client, site_content, redis):
    """With a shared cache the version lives there, where every process reads it."""
    project = published_projects(1)[0]
    own_page = url_in(project, "en")
    client.get(own_page)
    assert queries_for(client, own_page)[0] == 0
    project.body_en = "<p>Saved by another worker.</p>"
    project.save()
    assert "Saved by another worker." in client.get(own_page).content.decode()


@pytest.mark.parametrize("path", ["/en/about/", "/en/projects/?theme=environment&utm_source=x"])
def test_a_cached_page_costs_one_round_trip_to_redis(client, site_content, redis, path):
    """The content version and the page are read together: one command to Redis, once
    the process knows which query parameters the page reads."""
    import redis as redis_client

    for _ in range(2):
        client.get(path)
    stats = redis_client.Redis(port=redis.port)

    def commands():
        counts = stats.info("commandstats")
        return {name: value["calls"] for name, value in counts.items() if name != "cmdstat_info"}

    before = commands()
    assert queries_for(client, path)[0] == 0
    after = commands()
    sent = {name: calls - before.get(name, 0) for name, calls in after.items()}
    assert {name: calls for name, calls in sent.items() if calls} == {"cmdstat_mget": 1}


def test_a_write_that_sends_no_signal_shows_within_the_lifetimes(client, about, settings):
    """A queryset's update() tells no one: pages and fragments expire by themselves."""
    import time

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 1
    client.get("/en/about/")
    type(about).objects.filter(pk=about.pk).update(title_en="Renamed without signals")
    assert "Renamed without signals" not in client.get("/en/about/").content.decode()
    time.sleep(1.1)
    page = client.get("/en/about/").content.decode()
    assert "<h1>Renamed without signals</h1>" in page
    assert "Renamed without signals</a>" in page, "the menu kept the old title"


def test_visitors_and_staff_get_the_same_filtered_list(admin_client, client, site_content):
    """The parameters a page reads are learned as it is rendered, not declared."""
    for query in ("period=ongoing", "period=past", "theme=environment&page=1"):
        for _ in range(2):
            visitor = client.get(f"/en/projects/?{query}").content.decode()
            staff = admin_client.get(f"/en/projects/?{query}").content.decode()
            assert _cards(visitor), query
            assert _cards(visitor) == _cards(staff), query


def _cards(html):
    return [line for line in html.splitlines() if 'class="card' in line]
