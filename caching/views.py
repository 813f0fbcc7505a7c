"""What views of content read once per process and content version."""

from django.utils.translation import get_language

from caching.fragments import cached


class CachedObjectMixin:
    """For a detail view found by slug: which item an address shows, read once per
    process and content version (a publication, scheduled or not, replaces the
    version); an address that finds nothing is asked again each time. Staff (signed in,
    perhaps just after a change made without signals), a preview and an explicit
    queryset read the database."""

    def get_object(self, queryset=None):
        find = super().get_object
        if queryset is not None or self.is_preview() or self.request.user.is_authenticated:
            return find(queryset)
        key = (self.model._meta.label_lower, get_language(), self.kwargs["slug"])
        return cached(key, find)
