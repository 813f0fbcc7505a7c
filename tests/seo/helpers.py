import json
import re
import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_index(client):
    """The addresses of the sitemaps /sitemap.xml lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [element.text for element in root.findall("s:sitemap/s:loc", NS)]


def sitemap(client):
    """{location: {"lastmod": …, "alternates": {hreflang: href}}} from every sitemap
    that /sitemap.xml lists."""
    entries = {}
    for address in sitemap_index(client):
        entries.update(sitemap_entries(client, address))
    return entries


def sitemap_entries(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        entries[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            },
        }
    return entries


def head_alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def meta(html, key):
    """Every value of <meta property|name="key">."""
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]
