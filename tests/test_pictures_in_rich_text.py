"""Pictures from the library in rich text: stored by reference only (the sanitizer lets
nothing else through), drawn when the page is shown with its copies, size and the
description in the reader's language, following the picture's changes everywhere, and
kept in every language by the translators' screens and files."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from translate.storage import xliff

from content.figures import picture_ids
from content.models import fallback_chain, shown_text, url_in
from content.segments import split
from pages.models import Page
from tests.admin_forms import form_values
from tests.factories import LANGUAGES, make_image, make_page, make_translator
from translations.files import apply, check_file, export_entries, write_file

pytestmark = pytest.mark.django_db

SOURCE, TARGET = LANGUAGES[:2]


def saved_body(html, language=SOURCE):
    page = make_page("picture")
    setattr(page, f"body_{language}", html)
    page.save()
    return getattr(Page.objects.get(pk=page.pk), f"body_{language}")


def figure(image_id, align="left", caption=None):
    inner = "" if caption is None else f"<figcaption>{caption}</figcaption>"
    return f'<figure data-image="{image_id}" data-align="{align}">{inner}</figure>'


# The sanitizer.


def test_a_reference_to_a_library_picture_is_kept_as_it_is():
    html = "<p>Before.</p>" + figure(12, "right", "The square in May") + "<p>After.</p>"
    assert saved_body(html) == html


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="https://evil.example/x.png" onerror="alert(1)">',
        '<img src=x onerror="alert(1)" data-image="3">',
        '<figure><img src="javascript:alert(1)"><figcaption>x</figcaption></figure>',
        '<figure data-image="javascript:alert(1)" data-align="left"></figure>',
        '<figure data-image="3 onload=alert(1)"></figure>',
        '<figure data-image="-3"></figure>',
        '<picture><source srcset="https://evil.example/x.webp"></picture>',
    ],
)
def test_hostile_pictures_are_dropped(hostile):
    saved = saved_body(f"<p>Text.</p>{hostile}")
    for leftover in ("<img", "src", "onerror", "onload", "javascript", "evil", "<picture"):
        assert leftover not in saved
    assert picture_ids(saved) == (
        {3} if 'data-image="3"' in hostile and "<figure" in hostile else set()
    )


def test_a_figure_keeps_only_its_picture_alignment_and_plain_caption():
    html = (
        '<figure data-image="7" data-align="sideways" class="x" style="color:red" '
        'onclick="steal()" data-file="9"><img src="/media/x.jpg" alt="x">'
        '<figcaption class="y" onclick="z()">The <em>square</em>'
        "<script>alert(1)</script> &amp; its trees</figcaption>"
        '<p>Not in a figure</p><figure data-image="8"></figure></figure>'
    )
    assert saved_body(html) == figure(7, "centre", "The square &amp; its trees")


def test_a_figure_that_names_no_picture_leaves_its_text_and_nothing_else():
    saved = saved_body("<figure><figcaption>Just words</figcaption></figure><p>More</p>")
    assert "<fig" not in saved
    assert "Just words" in saved


# Drawn when the page is shown.


def picture_page(image, caption=None, align="left", languages=LANGUAGES):
    body = f"<p>Our square.</p>{figure(image.pk, align, caption)}<p>The end.</p>"
    return make_page("plein", **{f"body_{code}": body for code in languages})


def shown(client, page, language):
    response = client.get(url_in(page, language))
    assert response.status_code == 200
    return response.content.decode()


def drawn_figure(html):
    found = re.search(r'<figure class="picture-in-text[^"]*">.*?</figure>', html, re.DOTALL)
    assert found, "no picture drawn"
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_picture_is_drawn_with_its_copies_size_and_description_in_the_readers_language(
    client, language
):
    image = make_image("market", size=(1600, 1200))
    html = drawn_figure(shown(client, picture_page(image, caption="Market day"), language))
    assert 'class="picture-in-text align-left"' in html
    assert "<picture>" in html
    img = re.search(r"<img [^>]*>", html)[0]
    assert re.search(r'srcset="[^"]+ 400w, [^"]+ 800w, [^"]+ 1200w"', img)
    assert 'width="' in img and 'height="' in img
    width, height = (int(re.search(rf'{name}="(\d+)"', img)[1]) for name in ("width", "height"))
    assert width * 3 == height * 4
    assert f'alt="market: what it shows ({language})"' in img
    assert "lang=" not in img
    assert "<figcaption>Market day</figcaption>" in html
    # Nothing of the reference is left over.
    assert "data-image" not in html


def test_a_description_missing_in_the_readers_language_is_marked_with_its_own():
    image = make_image("market", **{f"alt_{TARGET}": ""})
    fallback = next(code for code in fallback_chain(TARGET)[1:] if getattr(image, f"alt_{code}"))
    page = picture_page(image)
    with translation.override(TARGET):
        html = shown_text(page, "body")
    img = re.search(r"<img [^>]*>", html)[0]
    assert f'alt="market: what it shows ({fallback})"' in img
    assert f'lang="{fallback}"' in img


def test_the_pictures_own_caption_shows_when_the_text_gives_none(client):
    image = make_image("market", **{f"caption_{code}": f"Caption {code}" for code in LANGUAGES})
    html = drawn_figure(shown(client, picture_page(image), SOURCE))
    assert f"Caption {SOURCE}" in html


def test_a_picture_no_longer_in_the_library_draws_nothing(client):
    image = make_image("gone")
    page = picture_page(image)
    image.delete()
    for language in LANGUAGES:
        html = shown(client, page, language)
        assert "picture-in-text" not in html
        assert "data-image" not in html
        assert "The end." in html


def test_feeds_and_structured_data_draw_pictures_too():
    image = make_image("market")
    page = picture_page(image)
    with translation.override(SOURCE):
        html = shown_text(page, "body")
    assert "<picture>" in html
    assert "data-image" not in html


def test_a_changed_description_shows_on_a_cached_page_after_the_picture_is_saved(
    client, page_cache
):
    image = make_image("market")
    page = picture_page(image)
    assert "market: what it shows" in shown(client, page, SOURCE)
    setattr(image, f"alt_{SOURCE}", "The market, seen from the church tower")
    image.save()
    assert "The market, seen from the church tower" in shown(client, page, SOURCE)


# Translators keep the reference in every language.


def test_a_caption_is_a_segment_and_the_picture_part_of_the_texts_shape():
    html = "<p>One.</p>" + figure(4, "right", "A caption") + "<p>Two.</p>"
    whole = split(html)
    assert whole.segmentable
    assert whole.contents() == ["One.", "A caption", "Two."]
    assert "figure" in whole.shape
    assert split(figure(4)).segmentable is False  # a picture alone has nothing to translate


@pytest.fixture
def translator(client):
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def source_page(image):
    body = "<p>Een plein.</p>" + figure(image.pk, "right", "Marktdag") + "<p>Einde.</p>"
    return make_page(
        "plein",
        languages=[SOURCE],
        **{f"body_{SOURCE}": body},
    )


def translate_url(page):
    return reverse("admin:translate", args=["pages", "page", page.pk, TARGET])


def test_the_translate_screen_keeps_the_picture_in_the_translation(translator):
    image = make_image("market")
    page = source_page(image)
    response = translator.get(translate_url(page))
    html = response.content.decode()
    assert f'name="body_{TARGET}-2"' in html
    data = form_values(html, "translate_form")
    data.update(
        {
            f"title_{TARGET}": ["Place"],
            f"body_{TARGET}-1": ["Une place."],
            f"body_{TARGET}-2": ["Jour de marché"],
        }
    )
    translator.post(translate_url(page), data)
    body = getattr(Page.objects.get(pk=page.pk), f"body_{TARGET}")
    assert figure(image.pk, "right", "Jour de marché") in body
    assert picture_ids(body) == {image.pk}


def test_an_xliff_file_keeps_the_picture_in_each_language(translator):
    image = make_image("market")
    page = source_page(image)
    setattr(page, f"title_{TARGET}", "Place")
    setattr(page, f"slug_{TARGET}", "place")
    page.save()
    exported = write_file(
        export_entries(TARGET, {Page: Page.objects.filter(pk=page.pk)}), TARGET, "xliff"
    )
    store = xliff.xlifffile.parsestring(exported)
    base = f"pages.page:{page.pk}:body"
    units = {unit.xmlelement.get("id"): unit for unit in store.units}
    assert units[f"{base}:2"].source == "Marktdag"
    for number, text in ((1, "Une place."), (2, "Jour de marché"), (3, "Fin.")):
        unit = units[f"{base}:{number}"]
        unit.target = text
        unit.xmlelement.find(f"{{{unit.namespace}}}target").set("state", "translated")
    plan = check_file(bytes(store), None, TARGET)
    assert plan.errors == []
    apply(plan)
    body = getattr(Page.objects.get(pk=page.pk), f"body_{TARGET}")
    assert body == (
        "<p>Une place.</p>" + figure(image.pk, "right", "Jour de marché") + "<p>Fin.</p>"
    )
