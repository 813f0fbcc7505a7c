"""The image chooser as staff use it: from the keyboard, into a text (search, choose,
align, caption) and onto the public page; axe-clean on a laptop and a phone; a
gallery built from several pictures at once and put in order from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from media.models import Image
from pages.models import Page
from projects.models import GalleryImage, Project
from tests.e2e.axe import violations
from tests.e2e.helpers import log_in, save_in_admin, watch
from tests.factories import make_city, make_image, make_page, make_project
from tests.images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editor_area(tab, field, language):
    tab.locator(f'li[aria-controls="tab_id_{field}_{language}"]').click()
    area = tab.locator(f"#tab_id_{field}_{language} [contenteditable=true]")
    area.click()
    return area


def test_a_picture_chosen_from_the_keyboard_goes_into_the_text_and_onto_the_page(
    editor, page, artifacts
):
    market = make_image("market square", size=(1600, 1200))
    make_image("river")
    target = make_page("programme")
    problems = watch(page, editor.url)
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{target.pk}/change/")
    area = editor_area(page, "body", "nl")
    page.keyboard.press("ControlOrMeta+End")
    insert = page.locator("#tab_id_body_nl").get_by_role("button", name="Insert picture")
    insert.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Choose a picture")
    expect(dialog).to_be_visible()
    search = dialog.get_by_role("searchbox")
    expect(search).to_be_focused()
    page.keyboard.type("market")
    result = dialog.get_by_role("button", name="market square (en)")
    expect(result).to_be_visible()
    expect(dialog.get_by_role("button", name="river (en)")).to_have_count(0)
    assert violations(page, within="dialog[open]") == []
    dialog.screenshot(path=artifacts / "image-chooser.png")
    page.set_viewport_size({"width": 390, "height": 844})
    assert violations(page, within="dialog[open]") == []
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    dialog.screenshot(path=artifacts / "image-chooser-390.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.keyboard.press("ArrowDown")
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()

    options = page.get_by_role("dialog", name="Picture")
    expect(options).to_be_visible()
    expect(options.get_by_text("market square (en)")).to_be_visible()
    options.get_by_label("Small, on the right").check()
    options.get_by_label("Caption (optional)").fill("Market day")
    assert violations(page, within="dialog[open]") == []
    options.get_by_label("Caption (optional)").press("Enter")
    expect(options).to_be_hidden()
    expect(area.locator("figure.library-picture")).to_contain_text("Market day")
    save_in_admin(page)

    body = Page.objects.get(pk=target.pk).body_nl
    assert (
        f'<figure data-image="{market.pk}" data-align="right">'
        "<figcaption>Market day</figcaption></figure>"
    ) in body

    page.goto(f"{editor.url}/nl/programme/")
    picture = page.locator(".rich-text figure.picture-in-text.align-right")
    expect(picture.locator("img")).to_have_attribute("alt", "market square: what it shows (nl)")
    expect(picture.locator("img")).to_have_attribute("srcset", re.compile(r"1200w"))
    expect(picture.locator("figcaption")).to_have_text("Market day")
    assert picture.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert problems == []


gallery_from_library = GalleryImage._meta.get_field("image").many_to_one


@pytest.mark.skipif(
    not gallery_from_library, reason="galleries choose library pictures once they move in"
)
def test_a_gallery_gets_several_pictures_at_once_and_is_put_in_order_from_the_keyboard(
    editor, page
):
    pictures = [make_image(f"garden {number}") for number in range(3)]
    project = make_project("garden", cities=[make_city("gent")])
    log_in(page, editor.url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{editor.url}/admin/projects/project/{project.pk}/change/")
    page.get_by_role("button", name="Add pictures to the gallery").click()
    dialog = page.get_by_role("dialog", name="Choose pictures")
    # The pictures are ticked in the list the search draws, not in the one it replaces
    # (the list moves the "Add" button when it is replaced).
    with page.expect_response(lambda answer: "results=1" in answer.url):
        dialog.get_by_role("searchbox").fill("garden")
    expect(dialog.get_by_role("status")).to_contain_text("3 pictures")
    for number in range(3):
        dialog.get_by_label(f"garden {number} (en)").check()
    dialog.get_by_role("button", name="Add the chosen pictures").click()
    expect(dialog).to_be_hidden()
    group = page.locator("#images-group")
    rows = group.locator("tbody tr.form-row:not(.empty-form)")
    expect(rows).to_have_count(3)
    # Order and Delete in view at 1280 pixels.
    for header in ("Order", "Delete?"):
        cell = group.locator("thead th", has_text=header)
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= 1280, header
    assert violations(page, within="#images-group") == []

    # The third picture moved to the top from the keyboard.
    rows.nth(2).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(group.get_by_role("status")).to_contain_text("1")
    # And the first row dragged below the last by its handle.
    rows.nth(0).locator(".gallery-drag-handle").drag_to(
        rows.nth(2), target_position={"x": 20, "y": 60}
    )
    expect(rows.nth(2).locator("input.image-chooser-number")).to_have_value(str(pictures[2].pk))
    save_in_admin(page)
    gallery = GalleryImage.objects.filter(project=project).order_by("order")
    assert [item.image_id for item in gallery] == [
        pictures[0].pk,
        pictures[1].pk,
        pictures[2].pk,
    ]


def test_a_picture_uploaded_from_the_chooser_is_checked_then_chosen(editor, page, tmp_path):
    target = make_page("programme")
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{target.pk}/change/")
    editor_area(page, "body", "nl")
    insert = page.locator("#tab_id_body_nl").get_by_role("button", name="Insert picture")
    insert.click()
    dialog = page.get_by_role("dialog", name="Choose a picture")
    expect(dialog).to_be_visible()
    # Escape closes it, and the text has the focus again.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#tab_id_body_nl [contenteditable=true]")).to_be_focused()

    insert.click()
    dialog.get_by_text("Upload a new one").click()
    fake = tmp_path / "report.jpg"
    fake.write_bytes(b"<svg onload=alert(1)></svg>")
    dialog.get_by_label("File", exact=True).set_input_files(fake)
    dialog.get_by_label("Description", exact=True).fill("Volunteers painting the hall")
    dialog.get_by_role("button", name="Upload and choose").click()
    expect(dialog.get_by_text("This file is not a JPEG, PNG or WebP image.")).to_be_visible()
    expect(dialog.get_by_text("The picture was not uploaded: see below.")).to_be_focused()
    expect(dialog.get_by_label("Description", exact=True)).to_have_value(
        "Volunteers painting the hall"
    )
    assert violations(page, within="dialog[open]") == []

    photo = tmp_path / "painting-the-hall.png"
    photo.write_bytes(image_bytes((120, 90), "PNG"))
    dialog.get_by_label("File", exact=True).set_input_files(photo)
    dialog.get_by_role("button", name="Upload and choose").click()
    expect(dialog).to_be_hidden()
    options = page.get_by_role("dialog", name="Picture")
    expect(options.get_by_text("painting the hall")).to_be_visible()
    options.get_by_role("button", name="Insert picture").click()
    save_in_admin(page)
    uploaded = Image.objects.get(title_en="painting the hall")
    assert uploaded.alt_en == "Volunteers painting the hall"
    assert f'data-image="{uploaded.pk}"' in Page.objects.get(pk=target.pk).body_nl


cover_from_library = Project._meta.get_field("cover").many_to_one


@pytest.mark.skipif(not cover_from_library, reason="covers are library pictures once they move in")
def test_a_cover_is_chosen_and_cleared_from_the_keyboard_on_a_phone(editor, page):
    river = make_image("river bank")
    project = make_project("garden", cities=[make_city("gent")])
    log_in(page, editor.url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{editor.url}/admin/projects/project/{project.pk}/change/")
    field = page.locator(".field-cover [data-image-chooser]")
    choose = field.get_by_role("button", name="Choose a picture")
    choose.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Choose a picture")
    page.keyboard.type("river")
    expect(dialog.get_by_role("button", name="river bank (en)")).to_be_visible()
    assert violations(page, within="dialog[open]") == []
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(choose).to_be_focused()
    expect(field).to_contain_text("river bank (en)")
    expect(field.locator("input.image-chooser-number")).to_have_value(str(river.pk))
    assert violations(page, within=".field-cover") == []
    save_in_admin(page)
    assert Project.objects.get(pk=project.pk).cover_id == river.pk

    page.goto(f"{editor.url}/admin/projects/project/{project.pk}/change/")
    expect(field).to_contain_text("river bank (en)")
    field.get_by_role("button", name="Clear").click()
    expect(field).to_contain_text("No picture chosen")
    expect(choose).to_be_focused()
    expect(field.locator("input.image-chooser-number")).to_have_value("")
