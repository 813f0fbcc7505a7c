"""No description out of place (issue 22, point 7): every picture a public page shows
is described in the reader's language or, while its description is missing there, in
the language it falls back to, marked with that language (`lang` on the `<img>`, which
its `alt` follows) and counted as missing by translation status."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from content.models import fallback_chain
from media.models import Image
from news.models import News
from projects.models import City, GalleryImage, Partner, Project
from tests.factories import LANGUAGES, add_gallery, make_content, make_image, make_project
from translations.status import MISSING, field_status

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
# The descriptions below end with the language they are written in: "(xx)".
WRITTEN_IN = re.compile(r"\((\w+)\)$")


@pytest.fixture
def city(site_content):
    return City.objects.first()


def images_in(html):
    """Each `<img>` of a page as {attribute: value}."""
    return [dict(ATTRIBUTE.findall(tag)) for tag in IMG.findall(html)]


def test_a_french_page_marks_a_description_shown_in_english(client, page_cache, city):
    picture = make_image("plot", **{f"alt_{code}": "" for code in LANGUAGES})
    picture.alt_en = "Neighbours on the plot"
    picture.save()
    project = make_project("plot", cities=[city], cover=picture)
    with translation.override("fr"):
        address = project.get_absolute_url()
    for _visit in ("drawn", "from the cache"):
        html = client.get(address).content.decode()
        [cover] = [img for img in images_in(html) if img.get("alt") == "Neighbours on the plot"]
        assert cover["lang"] == "en"
    assert field_status(picture, "alt", "fr") == MISSING

    # Described in French since: the page says so at once, without a lang of its own.
    picture.alt_fr = "Des voisins sur le terrain"
    picture.save()
    html = client.get(address).content.decode()
    [cover] = [img for img in images_in(html) if img.get("alt") == "Des voisins sur le terrain"]
    assert "lang" not in cover


def test_a_description_in_the_readers_language_has_no_lang_of_its_own(client, city):
    make_project("plot", cities=[city], cover=make_image("plot"))
    for code in LANGUAGES:
        with translation.override(code):
            html = client.get(reverse("projects:list")).content.decode()
        described = [img for img in images_in(html) if img.get("alt", "").endswith(f"({code})")]
        assert described
        assert all("lang" not in img for img in described)


@pytest.fixture
def pictures_in_some_languages(site_content):
    """Every picture of the site (covers, a gallery, logos, a news item's cover),
    described in some languages only, each description ending with its language."""
    project = Project.objects.get(slug_en="la-pile")
    add_gallery(project)
    make_content(News, "market", cover=make_image("market"))
    for number, picture in enumerate(Image.objects.all()):
        # By turns in one language only, in all but one, and in every language, the
        # one (or the one left out) each language in turn.
        one = LANGUAGES[number // 3 % len(LANGUAGES)]
        languages = [[one], [code for code in LANGUAGES if code != one], LANGUAGES][number % 3]
        for code in LANGUAGES:
            described = f"picture {picture.pk} ({code})" if code in languages else ""
            setattr(picture, f"alt_{code}", described)
        picture.save()
    assert GalleryImage.objects.filter(project=project).count() == 3
    assert Partner.objects.exclude(logo=None).exists()


def public_pages(language):
    with translation.override(language):
        news = News.objects.published().first()
        return {
            "home": reverse("pages:home"),
            "projects": reverse("projects:list"),
            "project": Project.objects.get(slug_en="la-pile").get_absolute_url(),
            "news": reverse("news:list"),
            "news item": news.get_absolute_url(),
            "supporters": reverse("supporters"),
        }


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_picture_of_any_page_is_described_in_another_language_unmarked(
    client, pictures_in_some_languages, language
):
    seen = 0
    for name, address in public_pages(language).items():
        html = client.get(address).content.decode()
        for img in images_in(html):
            written_in = WRITTEN_IN.search(img.get("alt", ""))
            if written_in is None:
                continue  # not a picture of the library, or without any description
            seen += 1
            shown_in = written_in[1]
            assert img.get("lang", language) == shown_in, (name, img)
            # The first language it falls back to that has the description.
            picture = Image.objects.get(pk=img["alt"].split()[1])
            has = [code for code in fallback_chain(language) if getattr(picture, f"alt_{code}")]
            assert shown_in == has[0], (name, img)
    assert seen >= 10
