"""Every page's head names its canonical address and the same alternates as the sitemap."""

import pytest
from django.conf import settings

from tests.factories import LANGUAGES, make_image, make_page, make_project
from tests.seo.helpers import canonical, head_alternates, meta, sitemap

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/en/about/",  # no French translation
        "/nl/over-ons/",
        "/fr/methode/",  # every translation
        "/nl/",
        "/fr/projets/",
    ],
)
def test_head_links_agree_with_the_sitemap(client, site_content, path):
    html = client.get(path).content.decode()
    url = f"http://testserver{path}"
    assert head_alternates(html) == sitemap(client)[url]["alternates"]
    assert canonical(html) == url


def test_project_head_agrees_with_the_sitemap(client, empty_site):
    make_project(languages=("nl", "en"))
    html = client.get("/en/projects/neighbourhood-factory/").content.decode()
    entry = sitemap(client)["http://testserver/en/projects/neighbourhood-factory/"]
    assert head_alternates(html) == entry["alternates"]
    assert "fr" not in head_alternates(html)


def test_canonical_leaves_out_the_query_string(client, empty_site):
    make_page()
    html = client.get("/fr/presse/?utm_source=newsletter").content.decode()
    assert canonical(html) == "http://testserver/fr/presse/"


def test_canonical_of_a_filtered_list_is_the_list(client, site_content):
    html = client.get("/en/projects/?city=brussels").content.decode()
    assert canonical(html) == "http://testserver/en/projects/"


def test_canonical_keeps_the_page_number_of_a_list(client, empty_site):
    for number in range(13):
        make_project(languages=("en",), suffix=str(number))
    html = client.get("/en/projects/?page=2").content.decode()
    assert canonical(html) == "http://testserver/en/projects/?page=2"


def test_page_shown_in_fallback_text_points_at_its_real_language(client, about):
    html = client.get("/fr/a-propos/").content.decode()
    assert canonical(html) == "http://testserver/en/about/"
    assert "fr" not in head_alternates(html)


def test_preview_is_not_indexed(empty_site, admin_client):
    make_page(status="draft")
    html = admin_client.get("/en/press/?preview").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert canonical(html) == "http://testserver/en/press/"


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/nl/pers/", "Pers · City Mine(d)", "Foto&#x27;s en teksten voor journalisten."),
        ("/fr/presse/", "Presse · City Mine(d)", "Photos et textes pour les journalistes."),
        ("/en/press/", "Press · City Mine(d)", "Photos and texts for journalists."),
    ],
)
def test_title_and_description_in_each_language(client, empty_site, path, title, description):
    make_page()
    html = client.get(path).content.decode()
    assert f"<title>{title}</title>" in html
    assert meta(html, "description") == [description]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/nl/over-ons/", "Over City Mine(d)"),
        ("/fr/a-propos/", "À propos de City Mine(d)"),
        ("/en/about/", "About City Mine(d)"),
    ],
)
def test_title_naming_the_organisation_does_not_repeat_it(client, site_content, path, title):
    html = client.get(path).content.decode()
    assert f"<title>{title}</title>" in html
    assert meta(html, "og:title") == [title]


def test_home_title_is_its_own_then_the_organisation(client, site_content):
    html = client.get("/en/").content.decode()
    assert "<title>Urban development, everyone&#x27;s business · City Mine(d)</title>" in html


def test_description_falls_back_to_the_text_in_the_same_language(client, empty_site):
    page = make_page()
    page.description_fr = ""
    page.save()
    html = client.get("/fr/presse/").content.decode()
    assert meta(html, "description") == ["Les journalistes trouvent ici nos communiqués."]


def test_open_graph_tags_on_a_page(client, empty_site):
    make_page(languages=("nl", "en"))
    html = client.get("/nl/pers/").content.decode()
    assert meta(html, "og:title") == ["Pers"]
    assert meta(html, "og:description") == ["Foto&#x27;s en teksten voor journalisten."]
    assert meta(html, "og:url") == ["http://testserver/nl/pers/"]
    assert meta(html, "og:type") == ["website"]
    assert meta(html, "og:locale") == ["nl_BE"]
    assert meta(html, "og:locale:alternate") == ["en_GB"]
    [image] = meta(html, "og:image")
    assert image.startswith("http://testserver/static/img/share.") and image.endswith(".png")
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == [image]


def test_open_graph_shows_the_projects_cover(client, empty_site):
    make_project(cover=make_image("market", (1600, 900), alt_en="A market stall"))
    html = client.get("/en/projects/neighbourhood-factory/").content.decode()
    [image] = meta(html, "og:image")
    assert image.startswith("http://testserver/media/")
    assert image.endswith(".jpg")
    assert meta(html, "og:image:width") == ["1200"]
    # Cropped to the shape link previews show (around the focal point: the middle).
    assert meta(html, "og:image:height") == ["630"]
    assert meta(html, "og:image:alt") == ["A market stall"]
    assert meta(html, "og:type") == ["article"]
    others = [settings.SITE_LANGUAGES[code]["og_locale"] for code in LANGUAGES if code != "en"]
    assert sorted(meta(html, "og:locale:alternate")) == sorted(others)


def test_open_graph_on_the_project_list(client, site_content):
    html = client.get("/fr/projets/").content.decode()
    assert meta(html, "og:title") == ["Projets"]
    assert meta(html, "og:locale") == ["fr_BE"]


def test_head_and_footer_link_the_feeds_in_the_pages_language(client, site_content):
    html = client.get("/fr/").content.decode()
    assert 'type="application/atom+xml"' in html and 'href="/fr/projets/feed.atom"' in html
    assert 'type="application/rss+xml"' in html and 'href="/fr/projets/feed.rss"' in html
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/fr/projets/feed.atom"' in footer
