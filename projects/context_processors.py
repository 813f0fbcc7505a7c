from django.utils.functional import SimpleLazyObject

from caching.fragments import cached

from .models import Partner


def funders(request):
    """The current funders for the footer strip, read only when a template draws it,
    and then from the process's cache (caching/fragments.py)."""
    return {
        "current_funders": SimpleLazyObject(
            lambda: cached("current-funders", lambda: list(Partner.objects.current_funders()))
        )
    }
