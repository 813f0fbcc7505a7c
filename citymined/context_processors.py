from django.utils.functional import SimpleLazyObject

from citymined.models import Organisation


def site(request):
    """The organisation's details (footer, contact block, head), read only when a
    template shows them, and then from the process's copy until content changes."""
    return {
        "organisation": SimpleLazyObject(Organisation.kept),
    }
