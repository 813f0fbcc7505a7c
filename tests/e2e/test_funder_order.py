"""An editor puts the funders in order by dragging them in the admin list."""

import pytest
from playwright.sync_api import expect

from projects.models import Partner
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_drags_a_funder_to_the_top(editor, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and errors.append(message.text),
    )
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/projects/partner/?kind__exact=funder")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(4)
    last_name = Partner.objects.current_funders().last().name_en
    with page.expect_response(lambda r: "adminsortable2_update" in r.url) as update:
        rows.nth(3).locator(".handle").drag_to(rows.nth(0).locator(".handle"))
    assert update.value.ok
    assert Partner.objects.current_funders().first().name_en == last_name
    assert errors == []
