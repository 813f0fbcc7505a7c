"""The contract every kind of content keeps, tested once for all: each test runs over
`content_models()`, so a new kind of content is tested here without editing this module.

No kind is named here, nor any language: items come from `make_content()`, languages
from settings, and "the lists" are every public page the URLconf answers without an
argument (the home page, each section's list, the feeds), in every language: a list a
new app adds is looked at without being registered anywhere."""

import http.server
import threading

import pytest
import reversion
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from reversion.models import Version

from content import checks as content_checks
from content.models import Content, content_models, url_in
from tests.factories import LANGUAGES, make_content
from tests.seo.helpers import sitemap
from translations.admin import translate_url

pytestmark = pytest.mark.django_db

# Words no initial content holds, so that a page shows them only because of the item.
NAME, NEW_NAME, DRAFT_NAME = "quokkafest", "wombatfair", "numbatdraft"


@pytest.fixture(params=content_models(), ids=lambda model: model._meta.label_lower)
def kind(request):
    return request.param


def title(name, code):
    """The title make_content() gives an item called `name` in language `code`."""
    return f"{name} {code.upper()}"


def admin_url(model, view, *args):
    return reverse(admin_urlname(model._meta, view), args=args)


def routes(patterns, prefix=""):
    """(name, converters) of every named address of the URLconf, namespaced."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from routes(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", pattern.pattern.converters


def public_pages():
    """The address, in every language, of every public page that takes no argument: the
    home page, the lists, the feeds, the sitemap's index, search without a query."""
    names = [
        name
        for name, converters in routes(get_resolver().url_patterns)
        if not converters and not name.startswith("admin:")
    ]
    paths = set()
    for code in LANGUAGES:
        with translation.override(code):
            paths.update(reverse(name) for name in names)
    return sorted(paths)


def text_of(client, path):
    response = client.get(path)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(
        ("text/", "application/")
    ):
        return ""
    return response.content.decode()


def search_path(code, words):
    with translation.override(code):
        return f"{reverse('search:results')}?q={words}"


# The admin: every view answers, with or without versions saved.


@pytest.fixture(params=[0, 2], ids=["made-in-code", "with-versions"])
def versions(request):
    """How many versions the item has: none when a script or the shell made it."""
    return request.param


def item_with_versions(kind, count):
    item = make_content(kind, NAME)
    for number in range(count):
        with reversion.create_revision():
            setattr(item, f"title_{LANGUAGES[0]}", f"{NAME} {number}")
            item.save()
    return item


def test_every_admin_view_of_an_item_answers(admin_client, kind, versions):
    item = item_with_versions(kind, versions)
    addresses = [
        admin_url(kind, "changelist"),
        admin_url(kind, "add"),
        admin_url(kind, "change", item.pk),
        admin_url(kind, "history", item.pk),
        admin_url(kind, "delete", item.pk),
        admin_url(kind, "recoverlist"),
        *(translate_url(item, code) for code in LANGUAGES),
    ]
    saved = list(Version.objects.get_for_object(item).values_list("pk", flat=True))
    assert len(saved) == versions
    if versions:
        older, newer = saved[-1], saved[0]
        compare = admin_url(kind, "compare", item.pk)
        addresses += [
            f"{compare}?from={older}&to={newer}",
            admin_url(kind, "revision", item.pk, newer),
        ]
    for address in addresses:
        assert admin_client.get(address).status_code == 200, address


def test_a_deleted_item_can_be_recovered(admin_client, kind):
    item = item_with_versions(kind, 1)
    with reversion.create_revision():
        item.delete()
    recover_list = admin_client.get(admin_url(kind, "recoverlist"))
    assert recover_list.status_code == 200
    version = Version.objects.get_deleted(kind).get()
    assert admin_url(kind, "recover", version.pk) in recover_list.content.decode()
    assert admin_client.get(admin_url(kind, "recover", version.pk)).status_code == 200


# The public site.


def test_an_edit_shows_at_once_on_its_page_and_every_list(client, kind, page_cache):
    item = make_content(kind, NAME)
    own_pages = {code: url_in(item, code) for code in LANGUAGES}
    lists = public_pages()
    # Every page drawn once, so that each is in the cache when the edit comes.
    before = {path: text_of(client, path) for path in [*own_pages.values(), *lists]}
    for code, path in own_pages.items():
        assert title(NAME, code) in before[path], path
    showing = [
        path for path in lists if any(title(NAME, code) in before[path] for code in LANGUAGES)
    ]

    for code in LANGUAGES:
        setattr(item, f"title_{code}", title(NEW_NAME, code))
    item.save()

    for path in [*own_pages.values(), *showing]:
        after = text_of(client, path)
        assert not any(title(NAME, code) in after for code in LANGUAGES), f"{path} is stale"
        assert any(title(NEW_NAME, code) in after for code in LANGUAGES), path


@pytest.fixture
def proxy(settings):
    """A stand-in for the proxy in front (deploy/nginx): the paths it is asked to
    refresh."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONTEND_CACHE_URL = f"http://127.0.0.1:{server.server_port}"
    settings.FRONTEND_CACHE_HOSTS = ["www.example.org"]
    yield asked
    server.shutdown()


def kept_by_a_proxy(response):
    """Whether a proxy may keep this answer (caching.pages.mark_public marks them)."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and "public" in cache_control
        and not any(word in cache_control for word in ("no-cache", "no-store", "private"))
    )


def test_an_edit_reaches_the_proxys_copy_of_its_page_and_every_list(
    client, kind, proxy, django_capture_on_commit_callbacks
):
    item = make_content(kind, NAME)
    own_pages = {url_in(item, code) for code in LANGUAGES}
    kept = []
    for path in public_pages():
        response = client.get(path)
        text = response.content.decode() if kept_by_a_proxy(response) else ""
        if any(title(NAME, code) in text for code in LANGUAGES):
            kept.append(path)

    with django_capture_on_commit_callbacks(execute=True):
        for code in LANGUAGES:
            setattr(item, f"title_{code}", title(NEW_NAME, code))
        item.save()
    for thread in threading.enumerate():
        if thread.name == "frontend-cache-refresh":
            thread.join(10)

    assert own_pages <= set(proxy)
    assert set(kept) <= set(proxy), "the proxy keeps showing the old title on these"


def test_it_is_in_the_sitemap_in_each_language_it_exists_in(client, kind):
    # Lacking the last language, when there are several: it is listed without it.
    exists_in = LANGUAGES[:-1] or LANGUAGES
    item = make_content(kind, NAME, languages=exists_in)
    assert item.languages() == exists_in
    entries = sitemap(client)
    locations = {code: f"http://testserver{url_in(item, code)}" for code in exists_in}
    for code, location in locations.items():
        assert location in entries, f"{location} is not in the sitemap"
        alternates = entries[location]["alternates"]
        assert {code: alternates.get(code) for code in exists_in} == locations
        assert set(alternates) == {*exists_in, "x-default"}
    listed = {location for location in entries if NAME in location}
    assert listed == set(locations.values())


def test_it_is_found_by_search_in_each_language(client, kind):
    item = make_content(kind, NAME)
    for code in LANGUAGES:
        response = client.get(search_path(code, NAME))
        assert response.status_code == 200
        assert url_in(item, code) in response.content.decode(), code


def test_it_has_a_translation_status(admin_client, kind):
    item = make_content(kind, NAME, languages=LANGUAGES[:-1] or LANGUAGES)
    plural = str(kind._meta.verbose_name_plural)
    dashboard = admin_client.get(reverse("admin:translations")).content.decode()
    assert f'<th scope="row">{plural[:1].upper()}{plural[1:]}</th>' in dashboard
    changelist = admin_client.get(admin_url(kind, "changelist")).content.decode()
    change_form = admin_client.get(admin_url(kind, "change", item.pk)).content.decode()
    for code in LANGUAGES:
        assert f'href="{translate_url(item, code)}"' in changelist, code
        assert f'href="{translate_url(item, code)}"' in change_form, code
    if len(LANGUAGES) > 1:
        assert "translation-status missing" in changelist


def test_a_draft_is_nowhere_public(client, kind):
    draft = make_content(kind, DRAFT_NAME, status=Content.Status.DRAFT)
    for code in LANGUAGES:
        own = url_in(draft, code)
        assert client.get(own).status_code == 404, own
        assert client.get(f"{own}?preview").status_code == 404, own
        found = client.get(search_path(code, DRAFT_NAME)).content.decode()
        assert own not in found and title(DRAFT_NAME, code) not in found
    for path in public_pages():
        assert DRAFT_NAME not in text_of(client, path), f"{path} shows a draft"
    assert not [location for location in sitemap(client) if DRAFT_NAME in location]


# A kind that declares something the shared machinery cannot use is refused by
# `manage.py check`, before any migration is written or run.


def errors_of(kind):
    return [error for error in content_checks.check_content_kinds() if error.obj is kind]


def test_every_kind_passes_the_checks(kind):
    assert errors_of(kind) == []


def test_a_summary_naming_the_rich_text_is_refused(kind, monkeypatch):
    monkeypatch.setattr(kind, "summary_field", "body")
    (error,) = errors_of(kind)
    assert error.id == "content.E001"
    assert "summary_field" in error.msg and "body" in error.msg
    assert error.hint


def test_a_summary_naming_no_field_is_refused(kind, monkeypatch):
    monkeypatch.setattr(kind, "summary_field", "no_such_field")
    (error,) = errors_of(kind)
    assert error.id == "content.E002"
    assert "no_such_field" in error.msg and error.hint


def test_manage_py_check_says_what_to_change(kind, monkeypatch):
    monkeypatch.setattr(kind, "summary_field", "body")
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "content.E001" in str(refused.value)
    assert "summary_field" in str(refused.value)
