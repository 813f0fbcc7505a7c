"""The site as the first visitor after an edit finds it, served by bench/run.py.

`application`: every request comes right after a project's title is edited, a project
every list shows. The admin saves the project's row and, of its links and inlines, only
those that changed, so the edit invalidates every cached page and the values that read
the projects' table (tests/test_fragment_cache.py checks it); what did not (the menu,
the footer, news cards, a project's partners and pictures) stays cached, as it would.
`after_everything`: every request comes after a change that names no table (an import,
a scheduled item coming out, a deploy's first request): nothing at all is cached.

A real edit's commit reads when the next scheduled item comes out, in the editor's
request (caching/version.py); an edit to a title leaves that moment as it was, hence
`schedule_changed=False`: the time measured is the visitor's work only."""

# isort: skip_file
from citymined.wsgi import application as site  # first: it sets Django up

from caching.version import invalidate
from projects.models import Project

TITLE_EDIT = [Project._meta.db_table]


def application(environ, start_response):
    invalidate(schedule_changed=False, tables=TITLE_EDIT)
    return site(environ, start_response)


def after_everything(environ, start_response):
    invalidate(schedule_changed=False)
    return site(environ, start_response)
