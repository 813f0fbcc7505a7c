"""Editors manage projects and supporters in the admin: one tab per language, partners
and pictures on the project itself, and lists they can filter and search."""

import shutil

import pytest
from django.core.cache import cache

from content.models import Content
from media import images
from media.unused_files import renditions_folder
from projects.models import GalleryImage, Partner, Project, ProjectPartner
from tests.admin_forms import new_project_data
from tests.factories import LANGUAGES, add_partner, make_image, make_partner, make_project

# These tests list and count everything there is: they start from an empty site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]
CHANGELIST = "/admin/projects/project/"


@pytest.fixture
def projects(city, london, theme, economy):
    green = make_project("green", 2011, 2015, cities=[city], themes=[theme])
    money = make_project("money", 2006, 2011, cities=[city, london], themes=[economy])
    money.title_fr = money.body_fr = money.slug_fr = None
    money.save()
    draft = make_project("draft", 2020, cities=[london], themes=[theme])
    draft.status = Content.Status.DRAFT
    draft.save()
    return {"green": green, "money": money, "draft": draft}


def listed(admin_client, query=""):
    html = admin_client.get(f"{CHANGELIST}{query}").content.decode()
    return {name for name in ("green", "money", "draft") if f"{name} EN" in html}


def test_changelist_shows_cities_years_status_and_translations(admin_client, projects):
    html = admin_client.get(CHANGELIST).content.decode()
    # The admin speaks English (see admin_client): so do the city names.
    assert "Brussels, London" in html
    assert "2006–2011" in html
    assert "2020–" in html
    assert '<abbr title="French">FR</abbr>: 0 of 2</a>' in html


def test_changelist_shows_a_thumbnail_of_the_cover(admin_client, projects):
    projects["green"].cover = make_image("cover", (300, 200))
    projects["green"].save()
    assert 'class="admin-thumbnail"' in admin_client.get(CHANGELIST).content.decode()


def test_changelist_thumbnails_load_small_copies_not_the_originals(admin_client, projects):
    """A changelist page has up to 100 rows; originals weigh up to 8 MB each."""
    projects["green"].cover = make_image("big", (3000, 2000))
    projects["green"].save()
    html = admin_client.get(CHANGELIST).content.decode()
    thumb = html.split('class="field-cover_thumbnail"><img ', 1)[1].split(">", 1)[0]
    assert projects["green"].cover.file.url not in thumb
    assert " 400w" in thumb
    assert 'sizes="60px"' in thumb


def test_a_lost_cover_file_leaves_the_changelist_working(admin_client, projects, media_root):
    projects["green"].cover = make_image("lost", (300, 200))
    projects["green"].save()
    admin_client.get(CHANGELIST)  # makes its copies
    # The original and its copies, lost together (a restored folder missing them, say),
    # and no worker remembering them.
    (media_root / projects["green"].cover.file.name).unlink()
    shutil.rmtree(media_root / renditions_folder(projects["green"].cover.file.name))
    images._known_copies.clear()
    cache.clear()
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert 'class="admin-thumbnail"' not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?themes__id__exact={theme}", {"green", "draft"}),
        ("?cities__id__exact={london}", {"money", "draft"}),
        ("?status__exact=draft", {"draft"}),
        ("?missing=fr", {"money"}),
        ("?missing=nl", set()),
        ("?themes__id__exact={theme}&status__exact=published", {"green"}),
    ],
)
def test_changelist_filters(admin_client, projects, theme, london, query, expected):
    assert listed(admin_client, query.format(theme=theme.pk, london=london.pk)) == expected


@pytest.mark.parametrize("term", ["green NL", "green FR", "green EN"])
def test_search_finds_a_project_by_its_title_in_any_language(admin_client, projects, term):
    assert listed(admin_client, f"?q={term.replace(' ', '+')}") == {"green"}


def test_change_form_has_language_tabs_inlines_and_autocomplete(admin_client, projects):
    html = admin_client.get(f"{CHANGELIST}{projects['green'].pk}/change/").content.decode()
    for code in LANGUAGES:
        assert f'name="title_{code}"' in html
        assert f'name="images-__prefix__-caption_{code}"' in html
    # Pictures are chosen from the library.
    assert 'name="cover"' in html
    assert 'name="images-__prefix__-image"' in html
    assert 'name="project_partners-__prefix__-role"' in html
    assert "admin-autocomplete" in html
    assert "vendor/jquery-ui/jquery-ui.min" in html
    # Each language's slug is filled in from that language's title.
    assert (
        "&quot;id&quot;: &quot;#id_slug_fr&quot;, &quot;name&quot;: &quot;slug_fr&quot;, "
        "&quot;dependency_ids&quot;: [&quot;#id_title_fr&quot;]"
    ) in html


def test_partner_autocomplete_finds_partners_by_name_in_any_language(admin_client, projects):
    make_partner("city", name_nl="Stad Brussel", name_fr="Ville de Bruxelles")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Ville",
            "app_label": "projects",
            "model_name": "projectpartner",
            "field_name": "partner",
        },
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_editor_adds_a_project_with_a_funder_and_a_picture(admin_client, client, city, theme):
    funder = make_partner("city")
    picture = make_image("neighbours", alt_fr="Voisins")
    response = admin_client.post(
        f"{CHANGELIST}add/",
        new_project_data(
            cities=[city.pk],
            themes=[theme.pk],
            **{
                "project_partners-TOTAL_FORMS": "1",
                "project_partners-0-partner": funder.pk,
                "project_partners-0-role": "funder",
                "project_partners-0-order": "0",
                "images-TOTAL_FORMS": "1",
                "images-0-image": str(picture.pk),
                "images-0-caption_fr": "Des voisins",
                "images-0-order": "0",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(slug_en="new-project")
    assert ProjectPartner.objects.get(project=project).partner == funder
    assert GalleryImage.objects.get(project=project).image == picture
    html = client.get("/fr/projets/nouveau-projet/").content.decode()
    assert 'alt="Voisins"' in html
    assert "Des voisins" in html


def test_a_gallery_picture_not_in_the_library_keeps_everything_typed(admin_client, city):
    response = admin_client.post(
        f"{CHANGELIST}add/",
        new_project_data(
            cities=[city.pk],
            body_en="<p>My long text</p>",
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-image": "999999",
                "images-0-caption_en": "Neighbours",
                "images-0-order": "0",
            },
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in html
    assert "My long text" in html
    assert 'value="Nouveau projet"' in html
    assert 'value="Neighbours"' in html
    assert not Project.objects.exists()


def test_end_before_start_is_refused(admin_client, city):
    response = admin_client.post(
        f"{CHANGELIST}add/", new_project_data(cities=[city.pk], start_year="2020", end_year="2010")
    )
    assert "A project cannot end before it starts." in response.content.decode()


def test_view_on_site_previews_drafts(admin_client, projects):
    html = admin_client.get(f"{CHANGELIST}{projects['draft'].pk}/change/").content.decode()
    # "View on site" opens the page in the admin's language, as a preview.
    assert "/en/projects/draft-en/?preview" in html


def test_funders_are_ordered_by_drag_and_drop(admin_client):
    make_partner("a", name_nl="Alpha")
    make_partner("b", name_nl="Beta")
    html = admin_client.get("/admin/projects/partner/").content.decode()
    assert "adminsortable2/js/adminsortable2" in html
    assert "adminsortable2/js/actions-6.1" in html
    assert 'class="drag handle"' in html


def test_sortable_order_update_saves_the_new_order(admin_client):
    first = make_partner("a", name_nl="Alpha", order=1)
    second = make_partner("b", name_nl="Beta", order=2)
    response = admin_client.post(
        "/admin/projects/partner/adminsortable2_update/",
        data=f'{{"updatedItems": [["{second.pk}", 1], ["{first.pk}", 2]]}}',
        content_type="application/json",
    )
    assert response.status_code == 200
    assert list(Partner.objects.values_list("name_nl", flat=True)) == ["Beta", "Alpha"]


def test_partner_changelist_shows_logo_kind_and_filters(admin_client):
    make_partner("a", name_en="Alpha", logo=make_image("a"))
    make_partner("b", name_en="Beta", kind=Partner.Kind.PARTNER)
    assert (
        'class="admin-thumbnail"' in admin_client.get("/admin/projects/partner/").content.decode()
    )
    html = admin_client.get("/admin/projects/partner/?kind__exact=partner").content.decode()
    assert "Beta" in html
    assert "Alpha" not in html


def test_deleting_a_partner_used_by_a_project_is_refused(admin_client, projects):
    partner = make_partner("a")
    add_partner(projects["green"], partner)
    response = admin_client.post(f"/admin/projects/partner/{partner.pk}/delete/", {"post": "yes"})
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert response.status_code == 200


def test_a_french_speaker_creates_a_french_only_project(admin_client, client, city):
    blank = {f"{field}_{code}": "" for field in ("title", "slug", "body") for code in ("nl", "en")}
    response = admin_client.post(
        "/admin/projects/project/add/", new_project_data(cities=[city.pk], **blank)
    )
    assert response.status_code == 302
    project = Project.objects.get(slug_fr="nouveau-projet")
    assert project.languages() == ["fr"]
    assert client.get("/fr/projets/nouveau-projet/").status_code == 200
