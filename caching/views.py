"""What views of content read once per process and content version."""

from django.utils.translation import get_language

from caching.fragments import cached


class CachedObjectMixin:
    """For a detail view found by slug: the item an address shows, read once per process
    and content version (a 404 is asked again). Staff and previews read the database."""

    def get_object(self, queryset=None):
        find = super().get_object
        if queryset is not None or self.is_preview() or self.request.user.is_authenticated:
            return find(queryset)
        key = (self.model._meta.label_lower, get_language(), self.kwargs["slug"])
        return cached(key, find)
