from django.utils.functional import SimpleLazyObject

from caching.fragments import cached

from .models import Partner


def current_funders():
    """The current funders, from the process's cache (caching/fragments.py)."""
    return cached(
        "current-funders", lambda: list(Partner.objects.current_funders().select_related("logo"))
    )


def funders(request):
    """The current funders for the footer strip, read only when a template draws it.
    `funder_strip` names which of them the strip shows (the footer is cached for each):
    all of them, but on a page that lists some itself (footer_funders_besides())."""
    return {"current_funders": SimpleLazyObject(current_funders), "funder_strip": "all"}


def footer_funders_besides(listed):
    """The context for a page that lists the funders `listed` (ids) itself: the footer
    strip thanks only the other current funders, so that none is listed twice."""
    funders = current_funders()
    others = [funder for funder in funders if funder.pk not in listed]
    if len(others) == len(funders):
        return {}  # the strip as on every other page, and its cached copy
    return {
        "current_funders": others,
        "funder_strip": "-".join(str(funder.pk) for funder in others) or "none",
    }
