"""Project cards, the unit of every list of projects (the home page, the projects list,
a project's related projects). Each is rendered once per project and language, and
cached by the process: a page of twelve cards is then one query for which projects it
lists, and none for the cards, until an edit to what a card shows."""

from django.utils.translation import get_language

from caching.fragments import cached_many, card_lists

from .models import Project, attach_card_data

# How wide a card's picture is shown, for the browser to pick its copy: four cards a
# row on wide screens, two on middling ones; the few featured ones share a row.
SIZES = "(min-width: 60em) 25vw, (min-width: 40em) 50vw, 100vw"
FEATURED_SIZES = "(min-width: 40em) 50vw, 100vw"


def project_cards(ids, heading="h2", eager=0, featured=False):
    """The cards (HTML) of the projects `ids`, in that order. The first `eager` load
    their picture at once, the rest when scrolled to. Featured cards are wider: their
    picture is offered for half the page's width rather than a quarter."""
    return project_card_lists([(ids, heading, eager, featured)])[0]


def project_card_lists(lists):
    """project_cards() for several lists of one page, each (ids, heading, eager, featured):
    the projects of all are read at once."""
    with_covers = Project.objects.for_lists().select_related("cover")
    lists = [
        (ids, eager, {"heading": heading, "sizes": FEATURED_SIZES if featured else SIZES})
        for ids, heading, eager, featured in lists
    ]
    return card_lists(with_covers, "projects/_card.html", "project", attach_card_data, lists)


def related_ids(project, count=3):
    """The ids of the projects shown as related to `project`, cached like its cards: they
    change only with what the lists show (a project's themes, its publication)."""
    language = get_language()
    key = ("related-projects", project.pk, language, count)
    found = cached_many([key], lambda keys: {key: project.related(count)})
    return found[key]
