"""A crawler that follows every link it may (robots.txt, rel="nofollow") is offered one
address per page: the filtered lists' links name the same choice of filters in one
order, and the language switcher's redirects are closed to it."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

# What a crawler of pages leaves aside: files, feeds and the site's own machinery.
NOT_PAGES = ("/static/", "/media/", "/admin/", "/sitemap", "/robots.txt", "/manifest")
LIMIT = 3000


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], (attrs.get("rel") or "").split()))
        # Crawlers find a page's other languages through its hreflang links.
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.links.append((attrs["href"], []))


def disallowed(client):
    """robots.txt's Disallow rules for every crawler, as patterns (`*` any text)."""
    lines = client.get("/robots.txt").content.decode().splitlines()
    rules = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")]
    return [re.compile(re.escape(rule).replace(r"\*", ".*")) for rule in rules if rule]


def crawl(client):
    """{address: the page it shows}, for every address a well-behaved crawler reaches
    from the home pages, the page named by its path and its set of query parameters."""
    rules = disallowed(client)
    to_visit = ["/"]
    seen = {"/"}
    followed_nofollow = []
    pages = {}
    while to_visit and len(seen) < LIMIT:
        address = to_visit.pop()
        response = client.get(address)
        if response.status_code in (301, 302):
            target = urljoin(address, response["Location"])
            if target not in seen:
                seen.add(target)
                to_visit.append(target)
            continue
        assert response.status_code == 200, address
        parts = urlsplit(address)
        pages[address] = (parts.path, frozenset(parse_qsl(parts.query)))
        parser = Links()
        parser.feed(response.content.decode())
        for href, rel in parser.links:
            target = urljoin(address, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local.startswith(NOT_PAGES) or ".atom" in local or ".rss" in local:
                continue
            if "nofollow" in rel or any(rule.match(local) for rule in rules):
                if local.startswith("/language/") and "nofollow" not in rel:
                    followed_nofollow.append(local)
                continue
            if local not in seen:
                seen.add(local)
                to_visit.append(local)
    assert len(seen) < LIMIT, "the crawl did not end"
    return pages


def test_a_crawler_is_offered_one_address_per_page(client, site_content):
    pages = crawl(client)
    assert any("?" in address for address in pages), "the crawl found no filtered list"
    # Every language's pages, found through the hreflang links.
    assert {"/nl/", "/fr/", "/en/", "/fr/methode/"} <= set(pages)
    addresses = {}
    for address, page in pages.items():
        addresses.setdefault(page, []).append(address)
    assert [found for found in addresses.values() if len(found) > 1] == []
    assert len(pages) == len(addresses)
    # Nothing of the language switcher's redirects is crawled.
    assert not any(address.startswith("/language/") for address in pages)


def test_language_switcher_links_are_nofollow_and_closed_to_crawlers(client, site_content):
    html = client.get("/fr/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r"<a [^>]*>", switcher)
    assert len(links) == len(settings.LANGUAGES)
    assert all('rel="nofollow"' in link for link in links)
    rules = disallowed(client)
    for link in links:
        address = re.search(r'href="([^"]*)"', link).group(1).replace("&amp;", "&")
        assert any(rule.match(address) for rule in rules), address
