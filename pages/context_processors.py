from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject

from .models import Page


def menus(request):
    """The menu and footer links, queried only when a template draws them."""
    return {
        "menu_pages": SimpleLazyObject(_menu),
        "footer_pages": SimpleLazyObject(
            lambda: list(Page.objects.published().filter(show_in_footer=True))
        ),
    }


def _menu():
    submenu = Prefetch("children", queryset=Page.objects.in_menu(), to_attr="menu_children")
    return list(Page.objects.in_menu().filter(parent=None).prefetch_related(submenu))
