from django.utils.functional import SimpleLazyObject

from .models import Partner


def funders(request):
    """The current funders for the footer strip: one query, made only when a template
    draws the strip, whatever the number of projects."""
    return {"current_funders": SimpleLazyObject(lambda: list(Partner.objects.current_funders()))}
