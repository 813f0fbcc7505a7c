"""Project cards (projects/cards.py) are rendered once per project, language and content
version: a list seen again renders none, and shows an edit at once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caching.version import invalidate
from content.models import fallback_chain
from projects.cards import project_cards
from projects.models import City, Project, Theme
from tests.factories import (
    make_city,
    make_image,
    make_project,
    make_projects,
    make_theme,
    tomorrow,
)

pytestmark = pytest.mark.django_db

LIST = "/en/projects/"
# Cards are drawn from their projects read by id.
CARD_QUERY = 'SELECT "projects_project"."id", "projects_project"."title"'


def card_queries(client, path):
    """The queries that read projects by id: those of cards drawn."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    drawn = [q for q in queries if q["sql"].startswith(CARD_QUERY) and '"id" IN (' in q["sql"]]
    return html, len(drawn)


@pytest.fixture
def listed(site_content):
    theme = Theme.objects.get(slug="environment")
    return make_project("listed", 2024, themes=[theme]), make_project(
        "sibling", 2023, themes=[theme]
    )


def test_a_list_seen_again_draws_no_card(client, listed):
    _html, first = card_queries(client, LIST)
    html, again = card_queries(client, LIST)
    assert first == 1
    assert again == 0
    assert "listed EN" in html


def test_an_edit_shows_on_the_list_and_on_related_projects_at_once(client, listed):
    project, sibling = listed
    for path in (LIST, "/en/", sibling.get_absolute_url()):
        client.get(path)
    project.title_en = "Renamed project"
    project.save()
    for path in (LIST, sibling.get_absolute_url()):
        assert "Renamed project" in client.get(path).content.decode(), path


def test_a_project_taken_off_line_leaves_the_lists_and_related_projects(client, listed):
    project, sibling = listed
    for path in (LIST, sibling.get_absolute_url()):
        assert "listed EN" in client.get(path).content.decode()
    project.status = Project.Status.DRAFT
    project.save()
    for path in (LIST, sibling.get_absolute_url()):
        assert "listed EN" not in client.get(path).content.decode(), path


def test_a_theme_given_to_a_project_makes_it_related_at_once(client, listed):
    project, sibling = listed
    stranger = make_project("stranger", 2022)
    assert "stranger EN" not in client.get(project.get_absolute_url()).content.decode()
    stranger.themes.add(*project.themes.all())
    assert "stranger EN" in client.get(project.get_absolute_url()).content.decode()


def test_the_first_cards_of_a_list_load_their_picture_at_once(client, site_content):
    make_projects(6)
    cards = project_cards(
        list(Project.objects.published().values_list("pk", flat=True)[:6]), eager=4
    )
    # The same card, eager at the top of one list and lazy further down another.
    lazy = project_cards(list(Project.objects.published().values_list("pk", flat=True)[:1]))
    assert len(cards) == 6
    assert [('loading="lazy"' in card) for card in cards] == [False] * 4 + [True] * 2
    assert 'loading="lazy"' in lazy[0]


def test_a_project_deleted_since_its_id_was_read_has_no_card(listed):
    project, sibling = listed
    ids = [project.pk, sibling.pk]
    project.delete()
    cards = project_cards(ids)
    assert len(cards) == 1
    assert "sibling EN" in cards[0]


def test_an_edit_of_the_text_a_language_falls_back_to_shows_on_its_cards(client, site_content):
    """The French list shows a project that has no French title with the title of the
    language French falls back to: an edit of that title shows there too."""
    fallback = fallback_chain("fr")[1]
    project = make_project("untranslated", 2024, languages=["nl", "en"])
    assert "untranslated" in client.get("/fr/projets/").content.decode()
    setattr(project, f"title_{fallback}", "Retitled in the fallback")
    project.save()
    assert "Retitled in the fallback" in client.get("/fr/projets/").content.decode()


def test_a_pictures_new_description_shows_on_the_cards_at_once(client, listed):
    project, _sibling = listed
    project.cover = make_image("plot", alt_en="The plot")
    project.save()
    assert 'alt="The plot"' in card_of(client.get(LIST).content.decode(), "listed EN")
    picture = project.cover
    picture.alt_en = "The plot in spring"
    picture.save()
    html, drawn = card_queries(client, LIST)
    assert 'alt="The plot in spring"' in card_of(html, "listed EN")
    assert drawn == 1


def test_a_list_of_cards_reads_their_covers_at_once(client, site_content):
    def queries_reading_pictures():
        invalidate()  # nothing cached: every card is drawn
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST)
        return len([q for q in queries if '"media_image"' in q["sql"]])

    make_project("covered", 2024, cover=make_image("cover"))
    with_one_cover = queries_reading_pictures()
    for number in range(4):
        make_project(f"covered-{number}", 2024, cover=make_image(f"cover {number}"))
    assert queries_reading_pictures() == with_one_cover


def card_of(html, title):
    return next(card for card in html.split('<article class="card">') if title in card)


def test_a_project_scheduled_to_come_out_joins_related_projects_when_it_does(
    client, listed, monkeypatch, django_capture_on_commit_callbacks
):
    project, _sibling = listed
    rare = make_theme("rare")
    project.themes.set([rare])
    with django_capture_on_commit_callbacks(execute=True):  # the edit's commit
        make_project("later", 2021, themes=[rare], published_at=tomorrow())
    assert "later EN" not in client.get(project.get_absolute_url()).content.decode()
    the_day_after = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: the_day_after)
    assert "later EN" in client.get(project.get_absolute_url()).content.decode()


def test_a_card_names_its_cities_and_themes_in_their_order_and_the_readers_language(
    client, site_content
):
    cities = [make_city("zagreb", name_fr="Zagreb"), make_city("antwerp", name_fr="Anvers")]
    themes = [make_theme("water", order=2), make_theme("food", order=1)]
    make_project("ordered", 2024, cities=cities, themes=themes)
    html = client.get("/fr/projets/").content.decode()
    card = html[html.index("ordered FR") :]
    assert card.index("Anvers") < card.index("Zagreb")
    assert card.index("food FR") < card.index("water FR")
    # A city renamed shows on the card at once.
    City.objects.filter(slug="antwerp").update(name_fr="Anvers-sur-Escaut")
    invalidate()
    assert "Anvers-sur-Escaut" in client.get("/fr/projets/").content.decode()
