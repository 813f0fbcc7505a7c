"""The media library's journey, as an editor makes it in the admin: five pictures
uploaded at once, one described in every language with its focal point set from the
keyboard, put into a project's text with "Insert picture", another put into the
galleries of two projects with "Add pictures to the gallery"; then, once the background
worker has made the resized copies, the public pages in every language show them, each
description in the reader's language or marked with the language it is in. The upload
screen and a public page are axe-clean at 390 px."""

import re
from io import BytesIO

import pytest
from django.utils import translation
from PIL import Image as PillowImage
from playwright.sync_api import expect

from media.models import Image
from projects.models import GalleryImage, Project
from tests.e2e.axe import violations
from tests.e2e.helpers import fill_in_tab, log_in, save_in_admin, watch
from tests.e2e.test_admin_accessibility import PHONE
from tests.factories import LANGUAGES, make_city, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = LANGUAGES[0]
# Five photos, each its own colour and size (so five files, not one found twice).
PHOTOS = {
    "market stalls": ((1600, 1200), "#b23a48"),
    "harbour crane": ((1400, 1050), "#2a6f97"),
    "orchard ladder": ((1200, 800), "#4f772d"),
    "rooftop garden": ((1000, 750), "#e9c46a"),
    "workshop bench": ((900, 600), "#6d597a"),
}


def jpeg(name):
    size, colour = PHOTOS[name]
    output = BytesIO()
    PillowImage.new("RGB", size, colour).save(output, format="JPEG", quality=80)
    return {
        "name": name.replace(" ", "-") + ".jpg",
        "mimeType": "image/jpeg",
        "buffer": output.getvalue(),
    }


def describe(code):
    return f"Stalls on the square, seen from above ({code})"


def change_form(tab, site, obj):
    opts = obj._meta
    tab.goto(f"{site}/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")


def add_to_gallery(tab, titles):
    tab.get_by_role("button", name="Add pictures to the gallery").click()
    dialog = tab.get_by_role("dialog", name="Choose pictures")
    for title in titles:
        # Ticked in the list the search draws, not in the one it replaces.
        with tab.expect_response(lambda answer: "results=1" in answer.url):
            dialog.get_by_role("searchbox").fill(title)
        dialog.get_by_label(title, exact=True).check()
    dialog.get_by_role("button", name="Add the chosen pictures").click()
    expect(dialog).to_be_hidden()
    rows = tab.locator("#images-group tbody tr.form-row:not(.empty-form)")
    expect(rows).to_have_count(len(titles))
    save_in_admin(tab)


def public_path(project, code):
    with translation.override(code):
        return project.get_absolute_url()


def test_five_pictures_uploaded_described_placed_and_seen_in_every_language(
    editor, new_tab, background_worker
):
    garden = make_project("allotment", cities=[make_city("gent")], languages=[FIRST])
    square = make_project("square", cities=[make_city("liege")])
    tab = new_tab(locale="en", viewport={"width": 1280, "height": 900})
    problems = watch(tab, editor.url)
    log_in(tab, editor.url)

    # 1. Five pictures at once, five results.
    tab.goto(f"{editor.url}/admin/media/image/")
    tab.get_by_role("link", name="Upload pictures").click()
    tab.set_input_files("#id_files", [jpeg(name) for name in PHOTOS])
    expect(tab.locator("#upload-results li.upload-added")).to_have_count(5)
    expect(tab.locator("#upload-results .upload-outcome")).to_have_text(["Added."] * 5)
    expect(tab.locator("#upload-status")).to_have_text("5 of 5 files done.")
    tab.set_viewport_size(PHONE)
    assert violations(tab) == []
    tab.set_viewport_size({"width": 1280, "height": 900})
    uploaded = {image.title_en: image for image in Image.objects.filter(title_en__in=PHOTOS)}
    assert sorted(image.width for image in uploaded.values()) == [900, 1000, 1200, 1400, 1600]
    market, harbour = uploaded["market stalls"], uploaded["harbour crane"]

    # 2. One described in every language, its focal point moved from the keyboard.
    tab.get_by_role("link", name="Describe “market stalls”").click()
    for code in LANGUAGES:
        fill_in_tab(tab, "alt", code, describe(code))
    marker = tab.locator(".focal-marker")
    expect(marker).to_have_attribute("aria-label", "Focal point: the middle")
    marker.focus()
    tab.keyboard.press("Shift+ArrowLeft")
    tab.keyboard.press("Shift+ArrowUp")
    expect(marker).to_have_attribute(
        "aria-label", "Focal point: 40% from the left, 40% from the top"
    )
    save_in_admin(tab)
    market.refresh_from_db()
    assert (market.focal_x, market.focal_y) == (0.4, 0.4)
    assert [getattr(market, f"alt_{code}") for code in LANGUAGES] == [
        describe(code) for code in LANGUAGES
    ]
    # Another, in the first language only: the other languages' pages show that one.
    change_form(tab, editor.url, harbour)
    fill_in_tab(tab, "alt", FIRST, "A crane unloading a barge")
    save_in_admin(tab)

    # 3. Into a project's text, from the chooser.
    change_form(tab, editor.url, garden)
    tab.locator(f'li[aria-controls="tab_id_body_{FIRST}"]').click()
    tab.locator(f"#tab_id_body_{FIRST} [contenteditable=true]").click()
    tab.keyboard.press("ControlOrMeta+End")
    tab.locator(f"#tab_id_body_{FIRST}").get_by_role("button", name="Insert picture").click()
    chooser = tab.get_by_role("dialog", name="Choose a picture")
    chooser.get_by_role("searchbox").fill("market")
    chooser.get_by_role("button", name="market stalls").click()
    options = tab.get_by_role("dialog", name="Picture")
    options.get_by_role("button", name="Insert picture").click()
    expect(options).to_be_hidden()
    save_in_admin(tab)
    assert f'data-image="{market.pk}"' in getattr(
        Project.objects.get(pk=garden.pk), f"body_{FIRST}"
    )

    # 4. One picture in two galleries: with two others in one, alone in the other.
    change_form(tab, editor.url, garden)
    add_to_gallery(tab, ["harbour crane", "orchard ladder", "rooftop garden"])
    change_form(tab, editor.url, square)
    add_to_gallery(tab, ["harbour crane"])
    assert set(GalleryImage.objects.filter(image=harbour).values_list("project", flat=True)) == {
        garden.pk,
        square.pk,
    }

    # 5. The worker makes the copies; the public pages show them in every language.
    background_worker()
    harbour_sources = set()
    for code in LANGUAGES:
        tab.goto(editor.url + public_path(garden, code))
        in_text = tab.locator(".rich-text figure.picture-in-text picture img")
        expect(in_text).to_have_attribute("srcset", re.compile(r"\d+w"))
        expect(in_text).to_have_attribute("width", re.compile(r"^\d+$"))
        expect(in_text).to_have_attribute("height", re.compile(r"^\d+$"))
        # Its own description in every language: marked only where the text around it,
        # which has no translation yet, is in another language.
        expect(in_text).to_have_attribute("alt", describe(code))
        if code == FIRST:
            expect(in_text).not_to_have_attribute("lang", re.compile(".*"))
        else:
            expect(in_text).to_have_attribute("lang", code)
        gallery = tab.locator(".gallery picture img")
        expect(gallery).to_have_count(3)
        for project in (garden, square):
            if project is square:
                tab.goto(editor.url + public_path(square, code))
                expect(gallery).to_have_count(1)
            crane = gallery.first
            expect(crane).to_have_attribute("srcset", re.compile(r"\d+w"))
            expect(crane).to_have_attribute("alt", "A crane unloading a barge")
            if code == FIRST:
                expect(crane).not_to_have_attribute("lang", re.compile(".*"))
            else:
                expect(crane).to_have_attribute("lang", FIRST)
            harbour_sources.add(crane.get_attribute("src"))
    # One file, in both galleries and in every language.
    assert len(harbour_sources) == 1
    assert Image.objects.filter(title_en="harbour crane").count() == 1

    # 6. A public page at a phone's width.
    tab.set_viewport_size(PHONE)
    assert violations(tab) == []
    assert problems == [], "no script error, no missing file, nothing from elsewhere"
