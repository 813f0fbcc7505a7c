"""Atom and RSS feeds of projects, one per language, with the text in that language."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from projects.feeds import LENGTH
from projects.models import Project
from tests.factories import make_project, make_projects, tomorrow

# These tests list and count everything there is: they start from an empty site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in root.findall(f"{ATOM}entry")
    ]


def rss_items(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, [
        (item.findtext("title"), item.findtext("link"), item.findtext("description"))
        for item in channel.findall("item")
    ]


@pytest.mark.parametrize(
    ("path", "title", "link"),
    [
        ("/nl/projecten/feed.atom", "Buurtfabriek", "/nl/projecten/buurtfabriek/"),
        ("/fr/projets/feed.atom", "Fabrique de quartier", "/fr/projets/fabrique-de-quartier/"),
        ("/en/projects/feed.atom", "Neighbourhood factory", "/en/projects/neighbourhood-factory/"),
    ],
)
def test_atom_feed_in_each_language(client, path, title, link):
    make_project()
    root, entries = atom_entries(client, path)
    assert entries == [(title, f"http://testserver{link}")]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == path[1:3]


@pytest.mark.parametrize(
    ("path", "title", "text"),
    [
        ("/nl/projecten/feed.rss", "Buurtfabriek", "Bewoners bouwen samen"),
        ("/fr/projets/feed.rss", "Fabrique de quartier", "Les habitants imaginent"),
        ("/en/projects/feed.rss", "Neighbourhood factory", "Residents build"),
    ],
)
def test_rss_feed_in_each_language(client, path, title, text):
    make_project()
    channel, items = rss_items(client, path)
    assert channel.findtext("language") == path[1:3]
    [(item_title, link, description)] = items
    assert item_title == title
    assert text in description


def test_feed_lists_only_projects_that_exist_in_its_language(client):
    make_project(languages=("nl", "en"))
    assert atom_entries(client, "/fr/projets/feed.atom")[1] == []
    assert rss_items(client, "/fr/projets/feed.rss")[1] == []
    assert len(atom_entries(client, "/nl/projecten/feed.atom")[1]) == 1


def test_feed_reaches_past_newer_projects_whose_text_is_empty_in_its_language(client):
    make_project()
    newer = make_projects(LENGTH + 5)
    # Empty once its tags are read: only `exists_in()` can tell, after the database.
    Project.objects.filter(pk__in=[p.pk for p in newer]).update(body_fr="<p> </p>")
    titles = [title for title, _link in atom_entries(client, "/fr/projets/feed.atom")[1]]
    assert titles == ["Fabrique de quartier"]
    assert len(atom_entries(client, "/en/projects/feed.atom")[1]) == LENGTH


def test_feed_leaves_out_drafts_and_scheduled_projects(client):
    make_project(status="draft")
    make_project(suffix="later", published_at=tomorrow())
    assert atom_entries(client, "/en/projects/feed.atom")[1] == []


def test_feed_does_not_clash_with_a_project_called_feed(client):
    make_project(languages=("en",), slug_en="feed")
    assert client.get("/en/projects/feed/").status_code == 200
    assert atom_entries(client, "/en/projects/feed.atom")[1][0][0] == "Neighbourhood factory"


def test_rss_self_link_says_its_type(client):
    channel, _items = rss_items(client, "/en/projects/feed.rss")
    [self_link] = channel.findall(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/en/projects/feed.rss"
    assert self_link.get("type") == "application/rss+xml"


def test_an_edited_project_shows_when_it_was_updated(client):
    project = make_project(published_at=timezone.now() - timedelta(days=30))
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - timedelta(days=30))
    project.refresh_from_db()
    project.save()  # an editor's change today
    root = ET.fromstring(client.get("/en/projects/feed.atom").content)
    [entry] = root.iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated")[:10] == timezone.now().date().isoformat()
    assert entry.findtext(f"{ATOM}published")[:10] != timezone.now().date().isoformat()
