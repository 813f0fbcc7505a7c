"""The site as the first visitor after an edit finds it, served by bench/run.py: every
request comes right after an edit that every page shows (a new content version), so
nothing is cached for it, neither the page nor what each process keeps (cards, menus,
the footer); what it renders is cached, as for a real visitor, and not used again."""

# isort: skip_file
from citymined.wsgi import application as site  # first: it sets Django up

from caching.version import invalidate


def application(environ, start_response):
    invalidate()
    return site(environ, start_response)
