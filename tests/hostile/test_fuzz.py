"""Random and malicious addresses never make the site answer 500: every public URL
pattern gets garbled paths, slugs, language prefixes, filters, page numbers, search
queries and encodings, and must answer 2xx, 3xx, 400 or 404."""

import os
from urllib.parse import quote, unquote_to_bytes, urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# A bounded run keeps `make test` quick; each example is one request. A longer hunt:
# FUZZ_EXAMPLES=1000 pytest tests/hostile/test_fuzz.py
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 60))
fuzz = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MALICIOUS = [
    "-" * 40,
    "!" * 40,
    "a & b | !c <-> d",
    "'; DROP TABLE projects_project; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "%ff%fe",
    "%c0%af",
    "\ud7ff\ue000",
    "９９９９９９９９９９９９９９９９９９９９",
    "-1",
    "0",
    "1e10",
    "99999999999999999999999999",
    "NaN",
    "()" * 30,
    ":*" * 30,
    "\\",
    "x" * 3000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "İstanbul",
    "ß" * 10,
]
values = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(max_size=50),
    st.text(alphabet="-!&|():*'\"\\<>% ", max_size=80),
    st.from_regex(r"-{30,60}", fullmatch=True),
    st.integers().map(str),
)
encoded = st.one_of(values, values.map(quote), values.map(lambda v: quote(quote(v))))
languages = st.one_of(
    st.sampled_from([code for code, _name in settings.LANGUAGES]),
    st.sampled_from(["", "xx", "NL", "en-gb", "zh-hans", "..", "%2e%2e"]),
    st.text(max_size=6),
)
query_names = st.sampled_from(["q", "page", "city", "theme", "status", "preview", "utm_source"])
queries = st.lists(st.tuples(query_names, encoded), max_size=4)


def language_paths(name, **kwargs):
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(name, kwargs=kwargs))
    return paths


def assert_never_500(client, path):
    note(repr(path))
    response = get_as_sent(client, path)
    assert response.status_code < 500 and response.status_code in {
        *range(200, 400),
        400,
        404,
    }, (path, response.status_code)


def get_as_sent(client, path):
    """GET `path` as a server passes on the request line. The test client would read an
    empty language prefix's "//[" as an address with a host (and fail to parse it); on
    the wire it is a path like any other."""
    if not path.startswith("//"):
        return client.get(path)
    raw_path, _, query = path.partition("?")
    return client.request(
        REQUEST_METHOD="GET",
        PATH_INFO=unquote_to_bytes(raw_path).decode("iso-8859-1"),
        QUERY_STRING=query.encode().decode("iso-8859-1"),
    )


def with_query(path, query):
    return f"{path}?{urlencode(query)}" if query else path


@pytest.fixture
def site(client, site_content):
    return client


@pytest.mark.parametrize(
    ("path", "location"),
    [("//[", "/%5B"), ("//evil.example/x?q=1", "/evil.example/x?q=1"), ("///en/", "/en/")],
)
def test_a_path_with_leading_slashes_goes_to_the_same_path_on_this_site(site, path, location):
    response = get_as_sent(site, path)
    assert response.status_code == 301
    assert response["Location"] == location


@fuzz
@given(language=languages, rest=encoded, query=queries)
def test_any_language_prefix_and_path(site, language, rest, query):
    assert_never_500(site, with_query(f"/{language}/{rest}", query))


@fuzz
@given(slug=encoded, query=queries, data=st.data())
def test_project_and_page_slugs(site, slug, query, data):
    base = data.draw(
        st.sampled_from(
            language_paths("projects:list") + language_paths("pages:home") + ["/en/", "/fr/"]
        )
    )
    assert_never_500(site, with_query(f"{base}{slug}/", query))


@fuzz
@given(query=queries, data=st.data())
def test_project_list_filters_and_pages(site, query, data):
    base = data.draw(st.sampled_from(language_paths("projects:list")))
    assert_never_500(site, with_query(base, query))


@fuzz
@given(q=values, page=encoded, data=st.data())
def test_search_queries(site, q, page, data):
    base = data.draw(st.sampled_from(language_paths("search:results")))
    assert_never_500(site, with_query(base, [("q", q), ("page", page)]))


@fuzz
@given(query=queries, data=st.data())
def test_site_files_feeds_and_sections(site, query, data):
    paths = (
        language_paths("supporters")
        + language_paths("feeds:atom")
        + language_paths("feeds:rss")
        + ["/sitemap.xml", "/robots.txt", "/manifest.webmanifest", "/favicon.ico", "/healthz"]
        + ["/", "/media/", "/static/", "/admin/login/"]
    )
    base = data.draw(st.sampled_from(paths))
    assert_never_500(site, with_query(base, query))
