"""axe-core finds no critical or serious accessibility violation on the admin screens
staff work in, and the language tabs and the text editor's toolbar work with the
keyboard alone."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import violations
from tests.e2e.helpers import watch
from tests.factories import LANGUAGES, project_with_gallery_and_funder

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


def _deleted_version():
    from reversion.models import Version

    from projects.models import Project

    return Version.objects.get_deleted(Project).first()


# Each entry gives an admin screen's path. Add screens here as they come.
SCREENS = {
    "index": lambda: _admin("index"),
    "pages": lambda: _admin("pages_page_changelist"),
    "projects": lambda: _admin("projects_project_changelist"),
    "partners": lambda: _admin("projects_partner_changelist"),
    "cities": lambda: _admin("projects_city_changelist"),
    "themes": lambda: _admin("projects_theme_changelist"),
    "users": lambda: _admin("auth_user_changelist"),
    # The organisation's list opens its one change form.
    "organisation": lambda: _admin("content_organisation_changelist"),
    # With its gallery and partner rows, the editor and the many-to-many selectors.
    "project": lambda: _change("projects.Project", _project()),
    "project-add": lambda: _admin("projects_project_add"),
    # With the date and time pickers, the autocomplete selectors and the map's fields.
    "news-add": lambda: _admin("news_news_add"),
    "event-add": lambda: _admin("events_event_add"),
    "page": lambda: _change("pages.Page"),
    "partner": lambda: _change("projects.Partner"),
    "city": lambda: _change("projects.City"),
    "theme": lambda: _change("projects.Theme"),
    "user": lambda: _change("auth.User"),
    "history": lambda: _admin("projects_project_history", _project().pk),
    "compare": _compare,
    # An older version in the form, to be saved back.
    "revision": lambda: _admin("projects_project_revision", _project().pk, _versions()[1].pk),
    "recover-list": lambda: _admin("projects_project_recoverlist"),
    "recover": lambda: _admin("projects_project_recover", _deleted_version().pk),
    "delete": lambda: _admin("projects_project_delete", _project().pk),
    # Third-party lists, their names translated (django-axes, django-otp).
    "sign-in-attempts": lambda: _admin("axes_accessattempt_changelist"),
    "totp-devices": lambda: _admin("otp_totp_totpdevice_changelist"),
    "background-tasks": lambda: _admin("django_tasks_database_dbtaskresult_changelist"),
}


def add_screens_content(user):
    """What the screens show beyond the initial content: a project with a gallery and
    two kept versions, and a deleted project to recover."""
    import reversion

    from projects.models import Project

    project = project_with_gallery_and_funder()
    gone = Project.objects.exclude(pk=project.pk).first()
    for obj, comment in [(project, "First"), (project, "Second"), (gone, "Kept")]:
        with reversion.create_revision():
            obj.save()
            reversion.set_user(user)
            reversion.set_comment(comment)
    gone.delete()


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
    return staff_tab


def blocking_violations(browser_page):
    return violations(browser_page, impacts=BLOCKING)


@pytest.mark.parametrize("name", SCREENS)
def test_admin_screen_has_no_serious_violations(editor, signed_in, name):
    problems = watch(signed_in, editor.url)
    signed_in.goto(editor.url + SCREENS[name]())
    expect(signed_in.locator("#content")).to_be_visible()
    # The scripts have built what they build (language tabs, editors) before axe looks.
    signed_in.wait_for_load_state("load")
    found = blocking_violations(signed_in)
    assert found == [], "\n".join(found)
    assert problems == [], "no script error, no missing file, nothing from elsewhere"


def test_new_inline_rows_have_no_serious_violations(editor, signed_in):
    signed_in.goto(editor.url + SCREENS["project"]())
    added = signed_in.locator(".dynamic-project_partners, .dynamic-images")
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
