from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from caching.fragments import cached
from content.models import Organisation

from .models import Page


def menus(request):
    """The menu and footer links, read only when a template draws them, and then from
    the process's cache (caching/fragments.py)."""
    return {
        "menu_pages": SimpleLazyObject(lambda: cached("links", _links)["menu"]),
        "footer_pages": SimpleLazyObject(lambda: cached("links", _links)["footer"]),
    }


def site(request):
    """The organisation's details (footer, contact block, head), read only when a
    template shows them, and then from the process's copy until content changes."""
    return {"organisation": SimpleLazyObject(_organisation)}


def _organisation():
    return cached("organisation", Organisation.current)


def _links():
    """The menu (top pages, each with its `menu_children`) and the footer's pages, in
    one query: after an edit, every page's first visitor reads them."""
    pages = list(Page.objects.published().for_lists().filter(Q(show_in_footer=True) | Page.IN_MENU))
    in_menu = [page for page in pages if page.show_in_menu and not page.is_home]
    for page in in_menu:
        page.menu_children = [child for child in in_menu if child.parent_id == page.pk]
    return {
        "menu": [page for page in in_menu if page.parent_id is None],
        "footer": [page for page in pages if page.show_in_footer],
    }
