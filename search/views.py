import re
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from content.models import LANGUAGE_CODES

from .backends import clean_query, highlight, search

# PostgreSQL's websearch_to_tsquery nests one NOT for each "-" in a row and gives up
# past 32 ("tsquery stack too small"); to a person a run of them means one.
REPEATED_NOT = re.compile(r"-(?:\s*-)+")


def visitor_query(raw):
    return REPEATED_NOT.sub("-", clean_query(raw))


# Every query is a page of its own: keeping them would crowd the page cache out.
@method_decorator(never_cache, name="dispatch")
class SearchView(ListView):
    template_name = "search/results.html"
    paginate_by = 20

    def get_queryset(self):
        self.query = visitor_query(self.request.GET.get("q", ""))
        return search(self.query, get_language())

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or garbled shows the nearest page, not an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        highlight(context["object_list"], self.query, get_language())
        context.update(
            query=self.query,
            page_title=(_("Search: %(query)s") % {"query": self.query})
            if self.query
            else _("Search"),
            noindex=True,
            elsewhere=self.elsewhere() if self.query and not context["object_list"] else [],
        )
        return context

    def elsewhere(self):
        """The same search in the other languages, where it finds something."""
        found = []
        for code in LANGUAGE_CODES:
            if code == get_language():
                continue
            count = len(search(self.query, code))
            if count:
                with translation.override(code):
                    url = f"{reverse('search:results')}?{urlencode({'q': self.query})}"
                found.append({"language": get_language_info(code), "url": url, "count": count})
        return found
