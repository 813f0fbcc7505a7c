"""News: what visitors read at /nl/nieuws/, /fr/actualites/ and /en/news/, on the home
page and on a project's page, and in the feeds."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from content.models import Content
from news.models import News
from tests.factories import LANGUAGES, make_content, make_partner, make_project, tomorrow
from tests.seo.helpers import json_ld

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def news(name, *, days_ago=0, **fields):
    """A published news item called `name`, dated `days_ago` days back."""
    return make_content(
        News, name, published_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def list_path(code):
    with translation.override(code):
        return reverse("news:list")


@pytest.mark.parametrize(
    ("code", "path"), [("nl", "/nl/nieuws/"), ("fr", "/fr/actualites/"), ("en", "/en/news/")]
)
def test_news_has_an_address_in_each_language(client, site_content, code, path):
    assert list_path(code) == path
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/nl/nieuws/", "Nog geen nieuws"),
        ("/fr/actualites/", "vous lirez bientôt ici"),
        ("/en/news/", "No news yet"),
    ],
)
def test_an_empty_list_says_so_kindly(client, empty_site, path, sentence):
    html = client.get(path).content.decode()
    assert 'class="empty-state"' in html and sentence in html


def test_the_initial_content_invents_no_news(site_content):
    assert not News.objects.exists()


def test_the_list_is_paged_newest_first(client, site_content):
    for number in range(12):
        news(f"item{number:02d}", days_ago=number)
    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()
    assert first.index("item00 EN") < first.index("item01 EN") < first.index("item09 EN")
    assert "item10 EN" not in first and "item10 EN" in second and "item11 EN" in second
    assert 'rel="next"' in first


def test_the_archive_lists_a_years_news_only(client, site_content):
    this_year = timezone.localdate().year
    news("recent")
    old = make_content(
        News,
        "oldnews",
        published_at=timezone.make_aware(datetime(this_year - 3, 6, 1, 12)),
    )
    html = client.get("/en/news/").content.decode()
    year_path = f"/en/news/{this_year - 3}/"
    assert f'href="{year_path}"' in html
    archive = client.get(year_path).content.decode()
    assert "oldnews EN" in archive and "recent EN" not in archive
    assert old.get_absolute_url() != year_path
    # A year without news is no page.
    assert client.get(f"/en/news/{this_year - 10}/").status_code == 404


def test_a_slug_of_digits_only_is_refused(site_content):
    item = News(title_en="The year", slug_en="2024", body_en="<p>Text</p>")
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "slug_en" in refused.value.message_dict


def test_an_item_shows_its_date_cover_less_projects_and_partners(client, site_content):
    project = make_project("allotment")
    hidden = make_project("hiddenproject", status=Content.Status.DRAFT)
    partner = make_partner("friendly")
    item = news("harvest")
    item.projects.set([project, hidden])
    item.partners.set([partner])
    html = client.get("/en/news/harvest-en/").content.decode()
    assert "<h1>harvest EN</h1>" in html
    assert "allotment EN" in html and "hiddenproject EN" not in html
    assert "friendly EN" in html
    assert "<time datetime=" in html


def test_an_item_missing_a_language_shows_another_with_the_notice(client, site_content):
    news("onlydutch", languages=["nl"])
    html = client.get("/en/news/onlydutch/").content.decode()
    assert "onlydutch NL" in html
    assert '<div class="fallback" lang="nl">' in html and "Translation in progress" in html


def test_the_home_page_shows_the_latest_news_beside_the_projects(client, site_content):
    for number in range(4):
        news(f"homenews{number}", days_ago=number)
    make_content(News, "tomorrownews", published_at=tomorrow())
    html = client.get("/en/").content.decode()
    assert "Latest news" in html
    assert "homenews0 EN" in html and "homenews2 EN" in html
    assert "homenews3 EN" not in html and "tomorrownews" not in html
    assert html.index("All projects") < html.index("Latest news")


def test_a_projects_page_lists_its_news(client, site_content):
    project = make_project("garden")
    own = news("gardennews")
    own.projects.set([project])
    news("othernews")
    draft = news("draftnews", status=Content.Status.DRAFT)
    draft.projects.set([project])
    html = client.get(project.get_absolute_url()).content.decode()
    assert "News about this project" in html
    assert "gardennews EN" in html
    assert "othernews" not in html and "draftnews" not in html


def test_a_project_without_news_shows_no_news_section(client, site_content):
    project = make_project("quiet")
    assert "News about this project" not in client.get(project.get_absolute_url()).text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_atom_feed_lists_the_news_of_its_language(client, site_content, code):
    news("everywhere")
    news("notthere", languages=[other for other in LANGUAGES if other != code])
    with translation.override(code):
        path = reverse("news:atom")
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)]
    assert titles == [f"everywhere {code.upper()}"]


def test_the_rss_feed_parses_and_leaves_out_drafts(client, site_content):
    news("published")
    news("drafted", status=Content.Status.DRAFT)
    root = ET.fromstring(client.get("/fr/actualites/feed.rss").content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["published FR"]
    assert root.find("channel/link").text.endswith("/fr/actualites/")


def test_an_item_is_described_as_a_news_article(client, site_content):
    item = news("described")
    items = json_ld(client.get("/en/news/described-en/").content.decode())
    article = next(entry for entry in items if entry["@type"] == "NewsArticle")
    assert article["headline"] == "described EN"
    assert article["description"] == "described: a summary in en."
    assert article["url"] == "http://testserver/en/news/described-en/"
    assert article["datePublished"] == item.published_at.isoformat()
    organisation = next(entry for entry in items if entry["@type"] == "NGO")
    assert article["publisher"]["@id"] == organisation["@id"]


@pytest.mark.parametrize(("code", "news_label"), [("nl", "Nieuws"), ("fr", "Actualités")])
def test_the_menu_links_to_news_and_events(client, site_content, code, news_label):
    html = client.get(f"/{code}/").content.decode()
    with translation.override(code):
        assert f'<a href="{reverse("news:list")}">{news_label}</a>' in html
        assert f'<a href="{reverse("events:list")}">Agenda</a>' in html


def test_the_menu_marks_the_news_section_as_current(client, site_content):
    html = client.get("/en/news/").content.decode()
    assert '<a href="/en/news/" aria-current="page">News</a>' in html


def test_seed_news_makes_published_examples(client, site_content):
    call_command("seed_news", "15", stdout=StringIO())
    assert News.objects.published().count() == 15
    html = client.get("/en/news/").content.decode()
    assert "Sample news 0 (en)" in html
