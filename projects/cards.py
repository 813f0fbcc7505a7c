"""Project cards, the unit of every list of projects (the home page, the projects list,
a project's related projects). Each is drawn once per project, language and version of
that language's lists, and kept by the process: a page of twelve cards is then one
query for which projects it lists, and none for the cards, until an edit their lists
can show. An edit confined to one project's own page (its text, its gallery) leaves
every card kept."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from caching.fragments import cached_many

from .models import Project, attach_card_data


def project_cards(ids, heading="h2", eager=0):
    """The cards (HTML) of the projects `ids`, in that order. The first `eager` load
    their picture at once, the rest when scrolled to."""
    language = get_language()
    keys = [
        ("project-card", pk, language, heading, position >= eager)
        for position, pk in enumerate(ids)
    ]
    drawn = cached_many(keys, _draw_cards)
    # A project removed since its id was read has no card.
    return [drawn[key] for key in keys if key in drawn]


def _draw_cards(keys):
    projects = Project.objects.in_bulk({key[1] for key in keys})
    attach_card_data(projects.values())
    drawn = {}
    for key in keys:
        _kind, pk, _language, heading, lazy = key
        if pk in projects:
            context = {"project": projects[pk], "heading": heading, "lazy": lazy}
            drawn[key] = render_to_string("projects/_card.html", context)
    return drawn


def related_ids(project, count=3):
    """The ids of the projects shown as related to `project`, kept like its cards: they
    change only with what the lists show (a project's themes, its publication)."""
    language = get_language()
    key = ("related-projects", project.pk, language, count)
    found = cached_many([key], lambda keys: {key: project.related(count)})
    return found[key]
