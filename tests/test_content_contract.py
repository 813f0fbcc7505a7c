"""The contract every kind of content keeps, tested once for all: each test runs over
`content_models()`, so a new kind of content is tested here without editing this module.

No kind is named here, nor any language: items come from `make_content()`, languages
from settings, and "the lists" are every public page the URLconf answers without an
argument (the home page, each section's list, the feeds), in every language: a list a
new app adds is looked at without being registered anywhere."""

import time
from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from content import checks as content_checks
from content.models import Content, content_models, fallback_chain, url_in
from history import changes
from tests.admin_forms import (
    change_url,
    form_id,
    form_values,
    open_change_form,
    save_in_admin,
    signed_in,
    versions_of,
)
from tests.factories import LANGUAGES, make_content, prefer_admin_language, tomorrow
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
        admin_url(kind, "preview", item.pk),
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


def test_an_item_made_in_code_is_saved_and_deleted_in_the_admin(admin_client, kind):
    item = make_content(kind, NAME)
    first = LANGUAGES[0]
    response = save_in_admin(admin_client, item, **{f"title_{first}": title(NEW_NAME, first)})
    assert response.status_code == 302, "the admin refused to save it"
    assert len(versions_of(item)) == 1
    history = admin_client.get(admin_url(kind, "history", item.pk))
    assert history.status_code == 200
    assert admin_url(kind, "revision", item.pk, versions_of(item)[0].pk) in history.text
    own_pages = [url_in(item, code) for code in LANGUAGES]

    response = admin_client.post(admin_url(kind, "delete", item.pk), {"post": "yes"})
    assert response.status_code == 302 and not kind.objects.filter(pk=item.pk).exists()
    # Links to it say it is gone, not unknown.
    for path in own_pages:
        assert Client().get(path).status_code == 410, path


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


# Edits: in every language; in one; in a language another one shows for want of its own.
EDITS = {
    "every-language": (LANGUAGES, LANGUAGES),
    "one-language": (LANGUAGES, LANGUAGES[:1]),
    "shown-as-fallback": (
        [code for code in LANGUAGES if code != LANGUAGES[-1]],
        fallback_chain(LANGUAGES[-1])[1:2],
    ),
}


@pytest.fixture(params=EDITS, ids=str)
def edit(request):
    """(the languages an item is written in, the languages whose title an edit changes)"""
    written, edited = EDITS[request.param]
    if not (written and edited):
        pytest.skip("needs a second language")
    return written, edited


def pages_showing(client, item, languages):
    """The item's own page in every language, and every public page that shows its title
    in one of `languages`, each drawn once (so kept by the page cache when it is on)."""
    own_pages = [url_in(item, code) for code in LANGUAGES]
    showing = set()
    for path in [*own_pages, *public_pages()]:
        response = client.get(path, follow=True)
        text = response.content.decode() if response.status_code == 200 else ""
        if any(title(NAME, code) in text for code in languages):
            showing.add(path)
    return own_pages, showing


def edit_titles(item, languages):
    for code in languages:
        setattr(item, f"title_{code}", title(NEW_NAME, code))
    item.save()


def test_an_edit_shows_at_once_on_its_page_and_every_list(client, kind, edit, page_cache):
    written, edited = edit
    item = make_content(kind, NAME, languages=written)
    own_pages, showing = pages_showing(client, item, edited)
    assert set(own_pages) & showing, "its own page does not show its title"

    edit_titles(item, edited)

    for path in sorted(showing):
        after = client.get(path, follow=True).content.decode()
        assert not any(title(NAME, code) in after for code in edited), f"{path} is stale"
        assert any(title(NEW_NAME, code) in after for code in edited), path


def kept_by_a_proxy(response):
    """Whether a proxy may keep this answer (caching.pages.mark_public marks them)."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and "public" in cache_control
        and not any(word in cache_control for word in ("no-cache", "no-store", "private"))
    )


def test_an_edit_reaches_the_proxys_copy_of_its_page_and_every_list(
    client, kind, edit, proxy, django_capture_on_commit_callbacks
):
    written, edited = edit
    item = make_content(kind, NAME, languages=written)
    own_pages, showing = pages_showing(client, item, edited)
    kept = {path for path in showing if kept_by_a_proxy(client.get(path))}

    with django_capture_on_commit_callbacks(execute=True):
        edit_titles(item, edited)
    assert not kept - proxy.paths(), "the proxy keeps showing the old title on these"


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
    written = LANGUAGES[:-1] or LANGUAGES
    item = make_content(kind, NAME, languages=written)
    dashboard = admin_client.get(reverse("admin:translations")).content.decode()
    assert f'<th scope="row">{capfirst(kind._meta.verbose_name_plural)}</th>' in dashboard
    # Looked for as staff would, however many items there are.
    changelist = admin_client.get(f"{admin_url(kind, 'changelist')}?q={NAME}").content.decode()
    change_form = admin_client.get(admin_url(kind, "change", item.pk)).content.decode()
    for code in LANGUAGES:
        state = "complete" if code in written else "missing"
        badge = f'class="translation-status {state}" href="{translate_url(item, code)}"'
        assert badge in changelist, code
        assert f'href="{translate_url(item, code)}"' in change_form, code


def test_a_text_translated_in_part_shows_the_rest_in_its_fallback(client, kind):
    """Each language's page keeps every paragraph another language has: one not
    translated yet is shown in the fallback's words, marked with its language."""
    item = make_content(kind, NAME)
    for code in LANGUAGES:
        setattr(item, f"body_{code}", f"<p>{NAME} one {code}</p><p>{NAME} two {code}</p>")
    item.save()
    for code in LANGUAGES:
        fallback = next(iter(fallback_chain(code)[1:]), None)
        if fallback is None:
            continue
        # Only the first paragraph translated: the second is a gap.
        setattr(item, f"body_{code}", f"<p>{NAME} one {code}</p><p></p>")
        item.save()
        html = client.get(url_in(item, code)).content.decode()
        assert f"<p>{NAME} one {code}</p>" in html, code
        assert f'<p lang="{fallback}">{NAME} two {fallback}</p>' in html, code
        assert 'class="fallback-notice"' in html, code
        setattr(item, f"body_{code}", f"<p>{NAME} one {code}</p><p>{NAME} two {code}</p>")
        item.save()


# Not public: a draft, an item scheduled for tomorrow, one unpublished after the page
# cache (on, as in production) kept its pages, and one whose expiry date came after the
# page cache kept its pages, with nobody saving anything.
HIDDEN = ("draft", "scheduled", "unpublished", "expired")


@pytest.fixture(params=HIDDEN)
def hidden(request, kind, client, page_cache, monkeypatch):
    if request.param == "draft":
        return make_content(kind, DRAFT_NAME, status=Content.Status.DRAFT)
    if request.param == "scheduled":
        return make_content(kind, DRAFT_NAME, published_at=tomorrow())
    expiry = timezone.now() + timedelta(seconds=60)
    item = make_content(kind, DRAFT_NAME, expires_at=expiry)
    for path in [*(url_in(item, code) for code in LANGUAGES), *public_pages()]:
        client.get(path)
    assert any(DRAFT_NAME in text_of(client, path) for path in public_pages())
    if request.param == "unpublished":
        item.status = Content.Status.DRAFT
        item.save()
    else:
        # Past its expiry, but well within PAGE_CACHE_SECONDS.
        later, real_time = expiry + timedelta(seconds=1), time.time
        monkeypatch.setattr(timezone, "now", lambda: later)
        monkeypatch.setattr(time, "time", lambda: real_time() + 62)
    return item


def test_an_item_not_published_is_nowhere_public(client, hidden):
    for code in LANGUAGES:
        own = url_in(hidden, code)
        assert client.get(own).status_code == 404, own
        assert client.get(f"{own}?preview").status_code == 404, own
        found = client.get(search_path(code, DRAFT_NAME)).content.decode()
        assert own not in found and title(DRAFT_NAME, code) not in found
    for path in public_pages():
        assert DRAFT_NAME not in text_of(client, path), f"{path} shows it"
    assert not [location for location in sitemap(client) if DRAFT_NAME in location]


def test_the_admin_says_when_an_item_leaves_the_site_and_when_it_left(admin_client, kind):
    leaving = make_content(kind, NAME, expires_at=tomorrow())
    gone = make_content(kind, DRAFT_NAME, suffix="-gone")
    kind.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    gone.refresh_from_db()
    moments = {}
    with translation.override("en"):
        for item in (leaving, gone):
            local = timezone.localtime(item.expires_at)
            moments[item.pk] = date_format(local, "SHORT_DATETIME_FORMAT")
    changelist = admin_client.get(admin_url(kind, "changelist")).content.decode()
    assert f"Published until {moments[leaving.pk]}" in changelist
    assert f"Unpublished at {moments[gone.pk]}" in changelist
    expired = admin_client.get(f"{admin_url(kind, 'changelist')}?publication=expired")
    assert DRAFT_NAME in expired.content.decode()
    assert NAME not in expired.content.decode()
    form = admin_client.get(change_url(gone)).content.decode()
    assert f"Unpublished at {moments[gone.pk]}" in form


def test_an_expiry_before_publication_is_refused_and_what_was_typed_is_kept(admin_user, kind):
    item = make_content(kind, NAME)
    prefer_admin_language(admin_user, "fr")
    client = signed_in(admin_user)
    data = open_change_form(client, change_url(item), form_id(item))
    first = LANGUAGES[0]
    data[f"title_{first}"] = [title(NEW_NAME, first)]
    # Leaving the site the moment it appears, as the form shows that moment.
    data["expires_at_0"], data["expires_at_1"] = data["published_at_0"], data["published_at_1"]
    response = client.post(change_url(item), data)
    assert response.status_code == 200, "the admin saved an item that leaves before it appears"
    html = response.content.decode()
    with translation.override("fr"):
        refusal = str(_("Unpublish it after its publication date, or leave it empty."))
    assert refusal != "Unpublish it after its publication date, or leave it empty."
    assert escape(refusal) in html
    assert title(NEW_NAME, first) in html
    item.refresh_from_db()
    assert item.expires_at is None and getattr(item, f"title_{first}") == title(NAME, first)


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


def test_a_summary_that_is_not_translated_is_refused(kind, monkeypatch):
    monkeypatch.setattr(kind, "summary_field", "status")
    (error,) = errors_of(kind)
    assert error.id == "content.E003"
    assert "status" in error.msg and error.hint


def test_manage_py_check_says_what_to_change(kind, monkeypatch):
    monkeypatch.setattr(kind, "summary_field", "body")
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "content.E001" in str(refused.value)
    assert "summary_field" in str(refused.value)


def test_two_editors_keep_each_others_words(admin_client, kind, django_user_model):
    """The later of two saves keeps the other editor's changes to fields it left alone,
    and asks whose words to keep in a field both changed: the rich text, here."""
    item = item_with_versions(kind, 1)
    first, last = LANGUAGES[0], LANGUAGES[-1]
    colleague = signed_in(django_user_model.objects.create_superuser("colleague", "", "pw"))
    url, form = admin_url(kind, "change", item.pk), form_id(item)
    theirs, mine = open_change_form(admin_client, url, form), open_change_form(colleague, url, form)
    theirs.update({f"title_{last}": [title(NEW_NAME, last)], f"body_{first}": ["<p>Theirs.</p>"]})
    assert admin_client.post(url, theirs).status_code == 302
    mine.update({f"title_{first}": [title(DRAFT_NAME, first)], f"body_{first}": ["<p>Mine.</p>"]})

    refused = colleague.post(url, mine)
    assert refused.status_code == 200, "saved over the other's text"
    with translation.override("en"):
        both = changes.field_in_words(kind._meta.get_field(f"body_{first}"))
    html = refused.text
    panel = html[html.index('class="clash-panel') : html.index(f'name="clash_typed_body_{first}"')]
    assert f"You both changed {both}" in refused.text
    assert "Theirs." in panel and "Mine." in panel and "&lt;p&gt;" not in panel

    chosen = {**form_values(refused.text, form), f"clash_choice_body_{first}": ["theirs"]}
    assert colleague.post(url, chosen).status_code == 302
    item.refresh_from_db()
    assert getattr(item, f"body_{first}") == "<p>Theirs.</p>"
    assert getattr(item, f"title_{last}") == title(NEW_NAME, last)
    assert getattr(item, f"title_{first}") == title(DRAFT_NAME, first)
