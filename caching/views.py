"""What views of content read once per process until an edit."""

import copy

from django.utils.translation import get_language

from caching.fragments import cached


class CachedObjectMixin:
    """For a detail view found by slug: the item an address shows, read once per process
    until an edit to it (a 404 is asked again), a copy for each request: what a request
    reads of its links stays with it. Staff and previews read the database."""

    def get_object(self, queryset=None):
        find = super().get_object
        if queryset is not None or self.is_preview() or self.request.user.is_authenticated:
            return find(queryset)
        key = (self.model._meta.label_lower, get_language(), self.kwargs["slug"])
        return copy.copy(cached(key, find))
