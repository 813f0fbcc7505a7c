"""The site as the first visitor after an edit finds it, served by bench/run.py: every
request comes right after an edit that every page shows (a new content version), so
nothing is cached for it, neither the page nor what each process keeps (cards, menus,
the footer); what it renders is cached, as for a real visitor, and not used again.
A real edit's commit reads when the next scheduled item comes out, in the editor's
request (caching/version.py); an edit to a title leaves that moment as it was, hence
`schedule_changed=False`: the time measured is the visitor's work only."""

# isort: skip_file
from citymined.wsgi import application as site  # first: it sets Django up

from caching.version import invalidate


def application(environ, start_response):
    invalidate(schedule_changed=False)
    return site(environ, start_response)
