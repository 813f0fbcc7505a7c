from django.utils.functional import SimpleLazyObject

from citymined.models import Organisation


def site(request):
    """The organisation's details (footer, contact block, head), read once per page and
    only when a template shows them."""
    return {"organisation": SimpleLazyObject(Organisation.current)}
