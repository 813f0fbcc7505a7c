"""Project cards, the unit of every list of projects (the home page, the projects list,
a project's related projects). Each is drawn once per project, language and version of
that language's lists, and kept by the process: a page of twelve cards is then one
query for which projects it lists, and none for the cards, until an edit their lists
can show. An edit confined to one project's own page (its text, its gallery) leaves
every card kept."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from citymined.kept_data import until_language_changes

from .models import Project, attach_card_data

# How wide a card's picture is shown, for the browser to pick its copy: four cards a
# row on wide screens, two on middling ones; the few featured ones share a row.
SIZES = "(min-width: 60em) 25vw, (min-width: 40em) 50vw, 100vw"
FEATURED_SIZES = "(min-width: 40em) 50vw, 100vw"


def project_cards(ids, heading="h2", eager=0, featured=False):
    """The cards (HTML) of the projects `ids`, in that order. The first `eager` load
    their picture at once, the rest when scrolled to. Featured cards are wider: their
    picture is offered for half the page's width rather than a quarter."""
    language = get_language()
    keys = [
        ("project-card", pk, language, heading, position >= eager, featured)
        for position, pk in enumerate(ids)
    ]
    drawn = until_language_changes(keys, _draw_cards, language)
    # A project removed since its id was read has no card.
    return [drawn[key] for key in keys if key in drawn]


def _draw_cards(keys):
    projects = Project.objects.in_bulk({key[1] for key in keys})
    attach_card_data(projects.values())
    drawn = {}
    for key in keys:
        _kind, pk, _language, heading, lazy, featured = key
        if pk in projects:
            context = {
                "project": projects[pk],
                "heading": heading,
                "lazy": lazy,
                "sizes": FEATURED_SIZES if featured else SIZES,
            }
            drawn[key] = render_to_string("projects/_card.html", context)
    return drawn


def related_ids(project, count=3):
    """The ids of the projects shown as related to `project`, kept like its cards: they
    change only with what the lists show (a project's themes, its publication)."""
    language = get_language()
    key = ("related-projects", project.pk, language, count)
    found = until_language_changes([key], lambda keys: {key: project.related(count)}, language)
    return found[key]
