"""What the text editor's link dialog asks: the site's content whose title, in any
language, holds what staff typed, with its title and address in each language.

The dialog inserts the item's current address in the language of the text being
edited. A real address, not a code resolved when pages are drawn: the stored text, the
feeds and the search excerpts carry links that work as they are, and nothing is looked
up for them on each page. Renames are followed by the former addresses (FormerAddress),
which answer 301 to the current one through any number of renames, in each language."""

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.utils.text import capfirst
from django.utils.translation import get_language

from content.models import content_models, shown_value, translated_field_names, url_in

MAX_RESULTS = 20
MIN_QUERY_LENGTH = 2


def link_search(request):
    """{"results": [{"kind", "title", "titles", "urls", "published"}]}, for staff (the
    admin site wraps this view), at most MAX_RESULTS, the closest titles first."""
    query = " ".join(request.GET.get("q", "").split())[:100]
    if len(query) < MIN_QUERY_LENGTH:
        return JsonResponse({"results": []})
    found = []
    for model in content_models():
        opts = model._meta
        if request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            found += _matching(model, query)
    found.sort(key=lambda result: _closeness(result["title"], query))
    return JsonResponse({"results": found[:MAX_RESULTS]})


def _matching(model, query):
    match = Q()
    for field in translated_field_names("title"):
        match |= Q(**{f"{field}__icontains": query})
    items = model._default_manager.filter(match).order_by("pk")[:MAX_RESULTS]
    return [_described(item) for item in items]


def _described(item):
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        "kind": capfirst(item._meta.verbose_name),
        "title": shown_value(item, "title", get_language())[0] or str(item),
        "titles": {code: getattr(item, f"title_{code}") or "" for code in languages},
        "urls": {code: url_in(item, code) for code in languages},
        "published": item.is_public(),
    }


def _closeness(title, query):
    """Titles that start with the words typed come before those that hold them."""
    title = title.casefold()
    return (not title.startswith(query.casefold()), title)
