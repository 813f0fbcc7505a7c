from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject

from caching.fragments import cached
from content.models import Organisation

from .models import Page


def menus(request):
    """The menu and footer links, read only when a template draws them, and then from
    the process's cache (caching/fragments.py)."""
    return {
        "menu_pages": SimpleLazyObject(lambda: cached("menu", _menu)),
        "footer_pages": SimpleLazyObject(lambda: cached("footer", _footer)),
    }


def site(request):
    """The organisation's details (footer, contact block, head), read only when a
    template shows them, and then from the process's copy until content changes."""
    return {"organisation": SimpleLazyObject(_organisation)}


def _organisation():
    return cached("organisation", Organisation.current)


def _footer():
    return list(Page.objects.published().filter(show_in_footer=True))


def _menu():
    submenu = Prefetch("children", queryset=Page.objects.in_menu(), to_attr="menu_children")
    return list(Page.objects.in_menu().filter(parent=None).prefetch_related(submenu))
