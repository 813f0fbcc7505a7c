"""What many pages show the same (the menu, the search form, the footer, the head's
links) is rendered once per process until an edit (`{% cache %}` and
caching/fragments.py): each page still marks itself in the menu, an edit shows at once,
what an edit did not touch stays cached, and what a visitor typed is never cached."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from caching import invalidation
from caching.fragments import cached
from caching.pages import cache_public_pages
from caching.version import invalidate
from events.models import Event
from news.models import News
from pages.models import Page
from projects.models import City, Partner
from tests.admin_forms import save_in_admin
from tests.factories import (
    add_gallery,
    add_partner,
    make_city,
    make_content,
    make_partner,
    make_project,
)

pytestmark = pytest.mark.django_db


def current_menu_item(html):
    nav = html.split('id="main-menu"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'aria-current="page">([^<]+)<', nav)


def test_the_menu_marks_the_page_being_read_whatever_was_drawn_before(client, site_content):
    make_project("commons")
    visits = [
        ("/en/about/", ["About City Mine(d)"]),
        ("/en/how-we-work/", ["How we work"]),
        ("/en/projects/", ["Projects"]),
        ("/en/projects/commons-en/", ["Projects"]),
        ("/en/supporters/", ["Supporters"]),
        ("/en/", []),
        ("/en/about/", ["About City Mine(d)"]),
    ]
    for path, marked in visits:
        html = client.get(path).content.decode()
        assert current_menu_item(html) == marked, path


def header(client, path):
    return client.get(path).content.decode().split("</header>", 1)[0]


@pytest.mark.parametrize("typed_first", [True, False])
def test_the_search_form_shows_what_was_typed_on_its_results_only(
    client, site_content, typed_first
):
    pages = ["/en/search/?q=neighbourhood", "/en/about/"]
    headers = {path: header(client, path) for path in pages[:: 1 if typed_first else -1]}
    assert 'name="q" value="neighbourhood"' in headers[pages[0]]
    assert 'name="q" value=""' in headers[pages[1]]


def test_a_menu_page_retitled_shows_in_the_menu_at_once(client, about):
    client.get("/en/projects/")
    about.title_en = "Who we are"
    about.save()
    assert "Who we are" in menu_of(client, "/en/projects/")


def menu_of(client, path):
    html = client.get(path).content.decode()
    return html.split('id="main-menu"', 1)[1].split("</nav>", 1)[0]


def test_a_translators_edit_reaches_its_own_languages_menu(client, about):
    for path in ("/en/projects/", "/fr/projets/"):
        client.get(path)
    about.title_fr = "Qui sommes-nous"
    about.save()
    assert "Qui sommes-nous" in menu_of(client, "/fr/projets/")
    assert "About City Mine(d)" in menu_of(client, "/en/projects/")


def test_a_new_current_funder_shows_in_every_pages_footer_at_once(client, site_content):
    client.get("/en/about/")
    make_partner("foundation", kind=Partner.Kind.FUNDER, name_en="New Foundation")
    footer = client.get("/en/about/").content.decode().split('class="site-footer"', 1)[1]
    assert "New Foundation" in footer


def test_a_draft_page_added_to_the_menu_stays_out_of_it(client, site_content):
    client.get("/en/about/")
    Page.objects.create(
        title_en="Not yet", slug_en="not-yet", show_in_menu=True, status=Page.Status.DRAFT
    )
    assert "Not yet" not in menu_of(client, "/en/about/")


def test_a_partner_renamed_shows_in_the_credits_of_its_projects_at_once(client, site_content):
    add_partner(make_project("credited"), make_partner("pum", name_en="PUM"))
    page = "/en/projects/credited-en/"
    assert "PUM" in client.get(page).content.decode()
    partner = Partner.objects.get(name_en="PUM")
    partner.name_en = "PUM Brussels"
    partner.save()
    assert "PUM Brussels" in client.get(page).content.decode()


def cached_text(text):
    """What a page caches of `text` (as the footer caches what it shows)."""
    return cached("test-text", text)


def test_an_edit_that_lands_while_a_page_is_rendered_shows_on_the_next_page(rf, site_content):
    shown = {"text": "before the edit"}

    def page_edited_while_rendered(request):
        text = shown["text"]  # what the page read
        shown["text"] = "after the edit"
        invalidate()  # an editor's save lands before the page caches what it rendered
        return cached_text(lambda: text)

    def next_page(request):
        return cached_text(lambda: shown["text"])

    # Admin addresses: the page cache reads the version for them too, and caches nothing.
    assert cache_public_pages(page_edited_while_rendered)(rf.get("/admin/")) == "before the edit"
    assert cache_public_pages(next_page)(rf.get("/admin/")) == "after the edit"


def test_a_retitled_news_item_or_event_shows_in_the_lists_at_once(client, site_content):
    now = timezone.now()
    item = make_content(News, "walk", published_at=now - timedelta(hours=1))
    gathering = make_content(
        Event, "gathering", starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=3)
    )
    for path in ("/en/news/", "/en/", "/en/events/"):
        client.get(path)  # the cards are drawn and kept
    item.title_en = "A walk along the canal"
    item.save()
    gathering.title_en = "A gathering on the square"
    gathering.save()
    assert "A walk along the canal" in client.get("/en/news/").content.decode()
    assert "A walk along the canal" in client.get("/en/").content.decode()
    assert "A gathering on the square" in client.get("/en/events/").content.decode()


def test_a_value_stays_cached_across_an_edit_to_what_it_did_not_read(site_content):
    reads = []

    def menu_titles():
        reads.append(1)
        return [page.title_en for page in Page.objects.order_by("pk")]

    cached("titles", menu_titles)
    project = make_project("elsewhere")  # an edit to another table
    assert cached("titles", menu_titles) and len(reads) == 1
    page = Page.objects.order_by("pk").first()
    page.title_en = "Renamed"
    page.save()
    assert "Renamed" in cached("titles", menu_titles) and len(reads) == 2
    project.delete()
    assert len(reads) == 2


def test_a_value_made_of_cached_values_follows_an_edit_to_what_those_read(site_content):
    city = make_city("ghent", name_en="Ghent")

    def city_name():
        return cached("city-name", lambda: City.objects.get(pk=city.pk).name_en)

    def sentence():
        return f"{Page.objects.order_by('pk').first().title_en} in {city_name()}"

    city_name()  # cached on its own first: the sentence reads pages, and the city's name
    assert cached("sentence", sentence).endswith(" in Ghent")
    city.name_en = "Gent"
    city.save()
    assert cached("sentence", sentence).endswith(" in Gent")


def test_a_title_edited_in_the_admin_invalidates_the_projects_table_only(
    admin_client, site_content, monkeypatch
):
    """What bench/after_edit.py takes as an edit every list shows: the admin saves the
    inlines and links that changed only."""
    project = make_project("retitled", cities=[make_city("ghent")])
    add_partner(project, make_partner("pum"))
    add_gallery(project)
    invalidated = []
    monkeypatch.setattr(
        invalidation, "invalidate", lambda **kwargs: invalidated.append(kwargs.get("tables"))
    )
    response = save_in_admin(admin_client, project, title_en="Renamed")
    assert response.status_code == 302
    assert {table for tables in invalidated for table in tables} == {"projects_project"}
