"""An editor fills the library: two pictures chosen and one file dropped (not a
picture), each sent on its own with its own result; then a focal point set with the
keyboard alone. The library's screens are axe-clean at a desktop's and a phone's width."""

import pytest
from playwright.sync_api import expect

from media.models import Image
from tests.e2e.helpers import log_in, save_screenshots, watch
from tests.e2e.test_admin_accessibility import blocking_at_every_width
from tests.images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def file(name, content, mime="image/jpeg"):
    return {"name": name, "mimeType": mime, "buffer": content}


def drop_text_file(tab, name):
    """Drop a file that is no picture onto the upload zone, as from the desktop."""
    transfer = tab.evaluate_handle(
        """name => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["<svg onload=alert(1)>"], name, {type: "image/png"}));
            return transfer;
        }""",
        name,
    )
    tab.dispatch_event("#upload-zone", "drop", {"dataTransfer": transfer})


def test_three_files_get_three_results_then_a_focal_point_is_set_with_the_keyboard(
    editor, new_tab, artifacts
):
    tab = new_tab(locale="en", viewport={"width": 1280, "height": 900})
    problems = watch(tab, editor.url)
    log_in(tab, editor.url)
    tab.goto(f"{editor.url}/admin/media/image/")
    tab.get_by_role("link", name="Upload pictures").click()
    expect(tab.locator("#upload-submit")).to_be_hidden()

    tab.set_input_files(
        "#id_files",
        [
            file("terrace.jpg", image_bytes((640, 480))),
            file("crowd.png", image_bytes((320, 240), "PNG"), "image/png"),
        ],
    )
    drop_text_file(tab, "trap.png")

    results = tab.locator("#upload-results li")
    expect(results).to_have_count(3)
    expect(tab.locator("#upload-results li.upload-added")).to_have_count(2)
    refused = tab.locator("#upload-results li.upload-refused")
    expect(refused).to_contain_text("trap.png")
    expect(refused).to_contain_text("This file is not a JPEG, PNG or WebP image.")
    expect(tab.locator("#upload-status")).to_have_text("3 of 3 files done.")
    added = Image.objects.filter(title_en__in=["terrace", "crowd"])
    assert sorted(added.values_list("width", flat=True)) == [320, 640]
    save_screenshots(tab, artifacts, "library-upload")
    found = blocking_at_every_width(tab)
    assert found == [], "\n".join(found)

    tab.get_by_role("link", name="Describe “terrace”").click()
    marker = tab.locator(".focal-marker")
    expect(marker).to_have_attribute("aria-label", "Focal point: the middle")
    marker.focus()
    tab.keyboard.press("Shift+ArrowRight")
    tab.keyboard.press("Shift+ArrowRight")
    tab.keyboard.press("ArrowDown")
    expect(marker).to_have_attribute(
        "aria-label", "Focal point: 70% from the left, 51% from the top"
    )
    expect(tab.locator(".focal-position")).to_have_text(
        "Focal point: 70% from the left, 51% from the top"
    )
    expect(tab.locator("#id_focal_x")).to_have_value("0.7")
    save_screenshots(tab, artifacts, "library-focal-point")
    found = blocking_at_every_width(tab)
    assert found == [], "\n".join(found)
    tab.locator("input[name=_save]").first.click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    terrace = Image.objects.get(width=640)
    assert (terrace.focal_x, terrace.focal_y) == (0.7, 0.51)

    # The list, with its thumbnails and where each is used.
    # (The initial content's covers and logos are in the list too.)
    thumbnails = tab.locator("#result_list img.admin-thumbnail")
    expect(thumbnails).to_have_count(Image.objects.count())
    save_screenshots(tab, artifacts, "library-list")
    found = blocking_at_every_width(tab)
    assert found == [], "\n".join(found)
    assert problems == [], "no script error, no missing file, nothing from elsewhere"


def test_reset_puts_the_focal_point_back_in_the_middle(editor, new_tab):
    from tests.factories import make_image

    image = make_image("corner", focal_x=0.1, focal_y=0.9)
    tab = new_tab(locale="en", viewport={"width": 390, "height": 844})
    log_in(tab, editor.url)
    tab.goto(f"{editor.url}/admin/media/image/{image.pk}/change/")
    marker = tab.locator(".focal-marker")
    expect(marker).to_have_attribute(
        "aria-label", "Focal point: 10% from the left, 90% from the top"
    )
    tab.get_by_role("button", name="Reset to the middle").click()
    expect(marker).to_have_attribute("aria-label", "Focal point: the middle")
    expect(tab.locator("#id_focal_x")).to_have_value("")
