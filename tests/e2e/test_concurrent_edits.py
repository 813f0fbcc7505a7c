"""Two editors in two browsers edit the same project. The later save is refused where
both changed a field: the colleague's words and one's own are shown against the
version both opened, one click keeps either per field, and the save then holds both
people's intended words. The clash screen passes axe and works on a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import violations
from tests.e2e.helpers import fill_in_tab, log_in, save_in_admin, type_rich_text, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def two_editors(editor, new_tab, django_user_model):
    """The editor and a colleague, each in a browser of their own, on the same project."""
    from projects.models import Project

    django_user_model.objects.create_superuser(
        "colleague", "c@example.org", "a-long-passphrase", first_name="Ed"
    )
    project = Project.objects.order_by("pk").first()
    url = f"{editor.url}/admin/projects/project/{project.pk}/change/"
    first, second = new_tab(locale="en-GB"), new_tab(locale="en-GB")
    log_in(first, editor.url, "colleague")
    log_in(second, editor.url)
    first.goto(url)
    second.goto(url)
    return project, first, second


def test_a_clash_is_shown_field_by_field_and_merged_by_choice(editor, two_editors):
    project, first, second = two_editors
    problems = watch(second, editor.url)
    fill_in_tab(first, "teaser", "fr", "Le teaser d’Ed.")
    fill_in_tab(first, "title", "en", "Ed's title")
    save_in_admin(first)

    fill_in_tab(second, "teaser", "fr", "Mon teaser à moi.")
    fill_in_tab(second, "title", "en", "My title")
    type_rich_text(second, "body", "nl", " Een zin van mij.")
    second.locator("input[name=_save]").first.click()

    top = second.locator(".messagelist .warning")
    expect(top).to_contain_text("This project was saved by Ed at")
    expect(top).to_contain_text("while you were editing")
    expect(second.locator(".errornote")).to_have_count(0)
    teaser = second.locator("#clash-teaser_fr")
    title = second.locator("#clash-title_en")
    expect(second.locator(".clash-field")).to_have_count(2)
    expect(teaser.get_by_role("heading", name="French: Teaser")).to_be_visible()
    expect(teaser.locator(".clash-version").first.locator("ins")).to_contain_text("Ed")
    expect(teaser.locator(".clash-version").nth(1).locator("ins")).to_contain_text("moi.")
    # What was typed is all still in the form.
    expect(second.locator("#id_teaser_fr")).to_have_value("Mon teaser à moi.")
    expect(second.locator("#id_title_en")).to_have_value("My title")

    found = violations(second, impacts=("critical", "serious"))
    assert found == [], "\n".join(found)
    second.set_viewport_size(PHONE)
    assert second.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    found = violations(second, impacts=("critical", "serious"))
    assert found == [], "\n".join(found)

    # Saving again without choosing is refused again.
    second.locator("input[name=_save]").first.click()
    expect(second.locator(".messagelist .warning")).to_contain_text("You both changed")

    teaser.get_by_role("radio", name="their words").check()
    # Editing a field both changed chooses one's own words for it.
    title.get_by_role("link", name="Go to English: Title").click()
    expect(second.locator("#id_title_en")).to_be_focused()
    second.locator("#id_title_en").fill("My title, and Ed's")
    expect(title.get_by_role("radio", name="your words, as in the form")).to_be_checked()
    second.set_viewport_size({"width": 1280, "height": 900})
    save_in_admin(second)
    expect(second.locator(".messagelist .success")).to_contain_text("Their words are kept in")

    project.refresh_from_db()
    assert project.teaser_fr == "Le teaser d’Ed."
    assert project.title_en == "My title, and Ed's"
    assert "Een zin van mij." in project.body_nl
    assert problems == []
