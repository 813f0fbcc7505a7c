"""axe-core finds no critical or serious accessibility violation on the admin screens
staff work in, and the language tabs and the text editor's toolbar work with the
keyboard alone."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import expect

from content.models import content_models
from tests.e2e.axe import COLOUR_RULES, violations
from tests.e2e.helpers import watch
from tests.factories import (
    LANGUAGES,
    make_content,
    make_image,
    project_with_gallery_and_funder,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What staff cannot work around: a screen reader user stuck, a field without a name.
BLOCKING = ("critical", "serious")


def _admin(view, *args):
    return reverse(f"admin:{view}", args=args)


def _project():
    from projects.models import Project

    return Project.objects.filter(images__isnull=False).first()


def _first(model_path):
    from django.apps import apps

    return apps.get_model(model_path).objects.order_by("pk").first()


def _change(model_path, obj=None):
    obj = obj or _first(model_path)
    app_label, model_name = model_path.lower().split(".")
    return _admin(f"{app_label}_{model_name}_change", obj.pk)


def _versions():
    from reversion.models import Version

    return Version.objects.get_for_object(_project())


def _compare():
    newer, older = _versions()[:2]
    return _admin("projects_project_compare", _project().pk) + f"?from={older.pk}&to={newer.pk}"


# The admin is crawled from its index: every screen a superuser reaches by following
# links, third-party apps' included, checked at a desktop's width and a phone's: each
# model's list, add form and change form, and once each screen every model shares
# (history, a version, deletion, recovery, preview…).
# What no link leads to (two versions compared) is listed here; a refused form has a
# test of its own.
SCREENS = {
    "compare": _compare,
}
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# Addresses a crawl must not follow: signing out, the site's public pages ("View on
# site"), and what answers scripts or files rather than staff.
NOT_SCREENS = {"logout", "view_on_site", "jsi18n", "autocomplete"}


# A model's own screens: its list and its forms show its own fields. Its other screens
# (history, deletion, recovery, preview…) are the same template for every model, and
# are checked once.
OWN_SCREENS = ("_changelist", "_add", "_change")


def admin_route(path):
    """What kind of admin screen `path` is ("projects_project_change", "history"), or
    None for what is no screen of the admin."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if "admin" not in match.namespaces or match.url_name in NOT_SCREENS:
        return None
    # A model's screens are named "<app>_<model>_<view>", under /admin/<app>/<model>/.
    app_label, model_name = (path.split("/") + ["", ""])[2:4]
    if match.url_name.endswith(OWN_SCREENS):
        return match.url_name
    return match.url_name.removeprefix(f"{app_label}_{model_name}_")


def links_on(browser_page, base_url):
    """The admin addresses the page links to."""
    hrefs = browser_page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return [
        href.removeprefix(base_url).partition("#")[0]
        for href in hrefs
        if href.startswith(f"{base_url}/admin/")
    ]


def crawl(browser_page, base_url, start="/admin/"):
    """Every admin screen reachable from `start`, one per pattern, in the order found.
    The caller opens each address yielded: its links are read once it has."""
    seen, queue = {admin_route(start)}, [start]
    while queue:
        path = queue.pop(0)
        yield path
        for link in links_on(browser_page, base_url):
            route = admin_route(urlsplit(link).path)
            if route is not None and route not in seen:
                seen.add(route)
                queue.append(link)


# A phone's width shows, hides and moves what a desktop's does, in the same colours:
# the colour rules, axe's slowest, are run at a desktop's width only.
WIDTHS = {"desktop": (DESKTOP, ()), "390 px": (PHONE, COLOUR_RULES)}


def add_screens_content(user):
    """What the screens show beyond the initial content: a project with a gallery and
    two kept versions, a deleted project to recover, and a colleague's authenticator
    app."""
    import reversion
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from media.models import Collection
    from projects.models import Project

    project = project_with_gallery_and_funder()
    gone = Project.objects.exclude(pk=project.pk).first()
    for obj, comment in [(project, "First"), (project, "Second"), (gone, "Kept")]:
        with reversion.create_revision():
            obj.save()
            reversion.set_user(user)
            reversion.set_comment(comment)
    gone.delete()
    # An item of every kind, and one of every kind deleted, for its recovery screen.
    for model in content_models():
        make_content(model, "crawled")
        deleted = make_content(model, "recovered", suffix="-recovered")
        with reversion.create_revision():
            deleted.save()
        deleted.delete()
    # A picture in the library, in a collection: its form has the focal point editor.
    make_image("crawled", collection=Collection.objects.create(name_en="Crawled"))
    colleague = type(user).objects.create_user("colleague", is_staff=True)
    TOTPDevice.objects.create(user=colleague, name="Phone", confirmed=True)


@pytest.fixture(scope="module")
def staff_tab(browser):
    """One tab for the whole module: each test only gives it a fresh session."""
    context = browser.new_context(locale="en")
    yield context.new_page()
    context.close()


@pytest.fixture
def signed_in(staff_tab, editor, django_user_model):
    """The staff tab signed in, without going through the login form: the database
    (and so the session) is emptied after every test."""
    user = django_user_model.objects.get(username="editor")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    staff_tab.context.clear_cookies()
    staff_tab.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": editor.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": editor.url},
        ]
    )
    add_screens_content(user)
    staff_tab.set_viewport_size(DESKTOP)
    return staff_tab


def blocking_violations(browser_page, skip=()):
    return violations(browser_page, impacts=BLOCKING, skip=skip)


def blocking_at_every_width(browser_page):
    """The open screen's blocking violations at each of WIDTHS, back at a desktop's."""
    found = []
    for width, (size, skip) in WIDTHS.items():
        browser_page.set_viewport_size(size)
        found.extend(f"{width}: {line}" for line in blocking_violations(browser_page, skip))
    browser_page.set_viewport_size(DESKTOP)
    return found


def open_screen(browser_page, url):
    browser_page.goto(url)
    expect(browser_page.locator("#content")).to_be_visible()
    # The scripts have built what they build (language tabs, editors) before axe looks.
    browser_page.wait_for_load_state("load")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_admin_screen_a_link_leads_to_has_no_serious_violations(editor, signed_in, width):
    """At each width a test of its own, so that the two run side by side."""
    size, skip = WIDTHS[width]
    problems = watch(signed_in, editor.url)
    signed_in.set_viewport_size(size)
    found, checked = [], []
    for path in crawl(signed_in, editor.url, start=_admin("index")):
        open_screen(signed_in, editor.url + path)
        checked.append(path)
        found.extend(f"{path}: {line}" for line in blocking_violations(signed_in, skip))
    signed_in.set_viewport_size(DESKTOP)
    assert found == [], "\n".join(found)
    assert problems == [], "no script error, no missing file, no broken link"
    # The crawl reached the screens staff work in, third-party ones included.
    reached = {admin_route(path) for path in checked}
    kinds = [f"{model._meta.app_label}_{model._meta.model_name}" for model in content_models()]
    expected = {
        *(f"{kind}_{view}" for kind in kinds for view in ("changelist", "add", "change")),
        *("history", "revision", "delete", "recoverlist", "recover", "preview"),
        *("otp_totp_totpdevice_changelist", "otp_totp_totpdevice_add"),
        *("otp_totp_totpdevice_change", "axes_accessattempt_changelist"),
    }
    assert expected <= reached, f"the crawl never reached {expected - reached}"


@pytest.mark.parametrize("name", SCREENS)
def test_admin_screen_no_link_leads_to_has_no_serious_violations(editor, signed_in, name):
    problems = watch(signed_in, editor.url)
    open_screen(signed_in, editor.url + SCREENS[name]())
    found = blocking_at_every_width(signed_in)
    assert found == [], "\n".join(found)
    assert problems == [], "no script error, no missing file, nothing from elsewhere"


def test_a_refused_form_has_no_serious_violations(editor, signed_in):
    """A form sent back with its errors, which no link leads to."""
    problems = watch(signed_in, editor.url)
    open_screen(signed_in, editor.url + _admin("projects_project_add"))
    signed_in.locator("input[name=_save]").first.click()
    expect(signed_in.locator(".error-summary")).to_be_visible()
    found = blocking_at_every_width(signed_in)
    assert found == [], "\n".join(found)
    assert problems == []


def test_the_schedule_screen_has_no_serious_violations(editor, signed_in):
    """The list's "Schedule…" asks when on a screen of its own, which only the list's
    action form leads to."""
    problems = watch(signed_in, editor.url)
    open_screen(signed_in, editor.url + _admin("pages_page_changelist"))
    signed_in.locator("#result_list input.action-select").first.check()
    signed_in.locator("select[name=action]").select_option("schedule_selected")
    signed_in.locator("button[name=index]").click()
    expect(signed_in.locator("input[name=published_at_0]")).to_be_visible()
    found = blocking_at_every_width(signed_in)
    assert found == [], "\n".join(found)
    assert problems == []


def test_new_inline_rows_have_no_serious_violations(editor, signed_in):
    signed_in.goto(editor.url + _change("projects.Project", _project()))
    added = signed_in.locator(
        ".dynamic-project_partners, .dynamic-images, .dynamic-offered_documents"
    )
    count = added.count()
    links = signed_in.locator(".add-row a")
    for number in range(links.count()):
        links.nth(number).click()
    expect(added).to_have_count(count + links.count())
    found = blocking_violations(signed_in)
    assert found == [], "\n".join(found)


def test_login_screen_has_no_serious_violations(editor, new_tab):
    tab = new_tab(locale="en")
    tab.goto(editor.url + _admin("login"))
    expect(tab.locator("#id_username")).to_be_visible()
    assert blocking_violations(tab) == []


def press_until_focused(browser_page, key, selector, limit=80):
    """Press `key` until the focus is on an element matching `selector`, as someone
    without a mouse moves through the screen."""
    for _press in range(limit):
        browser_page.keyboard.press(key)
        if browser_page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{key} never reached {selector}")


def test_language_tabs_and_editor_toolbar_work_with_the_keyboard(editor, signed_in, about):
    tab = signed_in
    tab.goto(editor.url + _change("pages.Page", about))
    first, second = LANGUAGES[:2]
    # The title's tabs, then from tab to tab with the arrow keys (WAI-ARIA tabs).
    press_until_focused(tab, "Tab", '[role=tab][aria-controls^="tab_id_title_"]')
    tab.keyboard.press("Home")
    first_tab = tab.locator(f'[role=tab][aria-controls="tab_id_title_{first}"]')
    expect(first_tab).to_be_focused()
    expect(first_tab).to_have_attribute("aria-selected", "true")
    tab.keyboard.press("ArrowRight")
    second_tab = tab.locator(f'[role=tab][aria-controls="tab_id_title_{second}"]')
    expect(second_tab).to_be_focused()
    expect(second_tab).to_have_attribute("aria-selected", "true")
    expect(tab.locator(f"#id_title_{second}")).to_be_visible()
    expect(tab.locator(f"#id_title_{first}")).to_be_hidden()
    # Tab leaves the tabs for the field they show.
    tab.keyboard.press("Tab")
    expect(tab.locator(f"#id_title_{second}")).to_be_focused()

    # The text's toolbar is one Tab stop; the arrow keys reach its buttons.
    press_until_focused(tab, "Tab", "[role=toolbar] button")
    panel = tab.evaluate("document.activeElement.closest('.ui-tabs-panel').id")
    toolbar = tab.locator(f"#{panel} [role=toolbar]")
    expect(toolbar).to_have_attribute("aria-label", re.compile("Text"))
    press_until_focused(tab, "ArrowRight", "[role=toolbar] button[data-name=bold]", limit=20)
    bold = toolbar.locator("button[data-name=bold]")
    undo = toolbar.locator('button[data-name="history:undo"]')
    # Nothing to undo yet: the faint button says it is unavailable.
    expect(undo).to_have_attribute("aria-disabled", "true")
    expect(bold).to_have_attribute("aria-pressed", "false")
    tab.keyboard.press("Enter")
    expect(bold).to_have_attribute("aria-pressed", "true")
    # The button hands the focus back to the text, where the typing goes in bold.
    text = tab.locator(f"#{panel} [contenteditable=true]")
    expect(text).to_be_focused()
    tab.keyboard.type("Loud")
    expect(text.locator("strong")).to_have_text("Loud")
    expect(undo).not_to_have_attribute("aria-disabled", "true")
    # Back in the toolbar, the focus returns to the button last used.
    tab.keyboard.press("Shift+Tab")
    expect(bold).to_be_focused()


def test_a_funder_is_moved_with_the_keyboard(editor, signed_in):
    from projects.models import Partner

    tab = signed_in
    first, second, *_rest = Partner.objects.current_funders()
    tab.goto(editor.url + _admin("projects_partner_changelist") + "?kind__exact=funder")
    # Past the admin's menu, which grows with every kind of content.
    press_until_focused(tab, "Tab", "#result_list .handle", limit=300)
    handle = tab.locator(f'#result_list .handle[pk="{first.pk}"]')
    expect(handle).to_be_focused()
    expect(handle).to_have_attribute("aria-label", re.compile(first.name_en))
    with tab.expect_response(lambda answer: "adminsortable2_update" in answer.url) as update:
        tab.keyboard.press("ArrowDown")
    assert update.value.ok
    rows = tab.locator("#result_list tbody tr")
    expect(rows.nth(1).locator(".handle")).to_be_focused()
    assert list(Partner.objects.current_funders()[:2]) == [second, first]


def test_a_refusal_page_has_no_serious_violations(editor, staff_tab):
    """What a translator meets when she asks for what her role does not allow."""
    from projects.models import Project
    from tests.factories import make_translator
    from translations.admin import translate_url

    client = Client()
    client.force_login(make_translator("fr"), backend="django.contrib.auth.backends.ModelBackend")
    staff_tab.context.clear_cookies()
    staff_tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": editor.url,
            }
        ]
    )
    problems = watch(staff_tab, editor.url)
    response = staff_tab.goto(editor.url + translate_url(Project.objects.first(), "nl"))
    assert response.status == 403
    expect(staff_tab.get_by_role("alert")).to_contain_text("Translators for French")
    found = blocking_violations(staff_tab)
    assert found == [], "\n".join(found)
    staff_tab.get_by_role("link", name="Go back").click()
    expect(staff_tab).to_have_url(editor.url + _admin("index"))
    # The refusal's own 403 (and the console's line about it) is the point; nothing
    # else may fail.
    assert [problem for problem in problems if "403" not in problem] == []
