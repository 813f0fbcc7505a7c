import uuid

from django.utils.functional import SimpleLazyObject

from caching.fragments import seconds_to_keep
from caching.version import current_version


def cache(request):
    """What templates' `{% cache %}` fragments are keyed and kept under:
    `{% cache fragment_seconds "name" … content_version LANGUAGE_CODE using="local" %}`.
    Read only when a fragment asks; while the version cannot be read, a key of its own
    each time, so nothing is reused."""
    return {
        "content_version": SimpleLazyObject(lambda: current_version() or uuid.uuid4().hex),
        "fragment_seconds": seconds_to_keep(),
    }
