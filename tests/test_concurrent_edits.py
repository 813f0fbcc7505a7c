"""Two editors in the same form. Where they changed different fields, the later save
keeps both people's changes without asking. Where they changed the same field, it is
refused with both changes shown against the version both opened, and saves only once
the editor has chosen, per field, their words or the other's, or edited the field."""

import pytest
from django.test import Client

from projects.models import Partner, Project
from tests.admin_forms import change_url, form_id, form_values, open_change_form
from tests.factories import make_content, make_image

pytestmark = pytest.mark.django_db

PUT_IN = '<ins><span class="visually-hidden">put in: </span>'
TAKEN_OUT = '<del><span class="visually-hidden">taken out: </span>'


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_superuser(
        "second", "second@example.org", "pw", first_name="Sam", last_name="Second"
    )
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def project(site_content, admin_client):
    """A project saved once in the admin, as most are: it has a version to start from."""
    item = make_content(Project, "Clash")
    item.teaser_fr = "Un projet de quartier à Bruxelles."
    item.teaser_en = "A neighbourhood project in Brussels."
    item.save()
    assert (
        admin_client.post(
            change_url(item), open_change_form(admin_client, change_url(item), "project_form")
        ).status_code
        == 302
    )
    return item


def two_forms(first, second, obj):
    url = change_url(obj)
    return (
        url,
        open_change_form(first, url, form_id(obj)),
        open_change_form(second, url, form_id(obj)),
    )


def saved(client, url, data, **changes):
    data = {**data, **{name: [value] for name, value in changes.items()}}
    response = client.post(url, data)
    assert response.status_code == 302, "refused"
    return response


def saved_with(client, obj, **changes):
    """`obj` saved in the admin with `changes`, as the version both editors open."""
    url = change_url(obj)
    saved(client, url, open_change_form(client, url, form_id(obj)), **changes)
    obj.refresh_from_db()
    return obj


def refused(client, url, data, **changes):
    data = {**data, **{name: [value] for name, value in changes.items()}}
    response = client.post(url, data)
    assert response.status_code == 200, "saved"
    return response.content.decode()


def test_changes_to_different_fields_are_merged_without_asking(
    admin_client, second_editor, project
):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Un projet de la Senne.", featured="on")
    response = saved(second_editor, url, second, title_en="Clash, by the second editor")

    project.refresh_from_db()
    assert project.title_en == "Clash, by the second editor"
    assert project.teaser_fr == "Un projet de la Senne."
    assert project.featured, "a check box the other one ticked stays ticked"
    message = second_editor.get(response.url).content.decode()
    assert "This project was saved by admin at" in message
    assert "while you were editing" in message
    assert "Their words are kept in: French: Teaser" in message
    assert "Yours are kept in: English: Title" in message


def test_a_field_both_changed_is_refused_with_both_changes_and_the_start(
    admin_client, second_editor, project
):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Un projet de quartier à Molenbeek.")
    html = refused(second_editor, url, second, teaser_fr="Un grand projet de quartier à Bruxelles.")

    assert "Please correct the error" not in html
    assert "This project was saved by admin at" in html
    assert "You both changed French: Teaser" in html
    panel = html[html.index('class="clash-panel') :]
    # Theirs and yours, each against the version both opened, word by word, with words
    # a screen reader says.
    assert f"{TAKEN_OUT}Bruxelles.</del>" in panel
    assert f"{PUT_IN}Molenbeek.</ins>" in panel
    assert f"{PUT_IN}grand</ins>" in panel
    assert "Un projet de quartier à Bruxelles." in panel, "the version both started from"
    # What the second editor typed is still in the form.
    assert 'value="Un grand projet de quartier à Bruxelles."' in html
    project.refresh_from_db()
    assert project.teaser_fr == "Un projet de quartier à Molenbeek."


def test_saving_again_without_a_choice_is_refused_again(admin_client, second_editor, project):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Leurs mots.")
    html = refused(second_editor, url, second, teaser_fr="Mes mots.")

    again = refused(second_editor, url, form_values(html, "project_form"))
    assert "You both changed French: Teaser" in again
    project.refresh_from_db()
    assert project.teaser_fr == "Leurs mots."


def test_one_choice_per_field_theirs_or_yours(admin_client, second_editor, project):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(
        admin_client,
        url,
        first,
        teaser_fr="Leurs mots.",
        title_en="Their title",
        teaser_en="Theirs",
    )
    html = refused(
        second_editor,
        url,
        second,
        teaser_fr="Mes mots.",
        title_en="My title",
        title_nl="Mijn titel",
    )
    assert "You both changed English: Title and French: Teaser" in html
    assert "English: Teaser" not in html[html.index('class="clash-panel') :]

    data = form_values(html, "project_form")
    data["clash_choice_teaser_fr"] = ["theirs"]
    data["clash_choice_title_en"] = ["yours"]
    response = saved(second_editor, url, data)

    project.refresh_from_db()
    assert (project.teaser_fr, project.title_en) == ("Leurs mots.", "My title")
    assert (project.title_nl, project.teaser_en) == ("Mijn titel", "Theirs")
    message = second_editor.get(response.url).content.decode()
    assert "Their words are kept in: English: Teaser, French: Teaser" in message


def test_editing_the_field_after_the_refusal_is_a_choice(admin_client, second_editor, project):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Leurs mots.")
    html = refused(second_editor, url, second, teaser_fr="Mes mots.")

    saved(
        second_editor, url, form_values(html, "project_form"), teaser_fr="Leurs mots et les miens."
    )
    project.refresh_from_db()
    assert project.teaser_fr == "Leurs mots et les miens."


def test_the_comparison_starts_from_the_version_the_form_was_opened_on(
    admin_client, second_editor, project
):
    url, first, second = two_forms(admin_client, second_editor, project)
    opened_on = second["based_on_version"]
    after_first = saved(admin_client, url, first, teaser_fr="Leurs mots.")
    html = refused(second_editor, url, second, teaser_fr="Mes mots.")
    data = form_values(html, "project_form")
    assert data["based_on_version"] == opened_on

    # The first editor saves again while the second one reads: a choice made against
    # the earlier save does not hold; the comparison still starts where the form did.
    assert after_first.status_code == 302
    saved(
        admin_client,
        url,
        open_change_form(admin_client, url, "project_form"),
        teaser_fr="Leurs mots, encore.",
    )
    data["clash_choice_teaser_fr"] = ["yours"]
    again = refused(second_editor, url, data)
    panel = again[again.index('class="clash-panel') :]
    assert "Un projet de quartier à Bruxelles." in panel
    assert "encore." in panel
    project.refresh_from_db()
    assert project.teaser_fr == "Leurs mots, encore."


def test_a_choice_holds_when_a_later_save_changed_other_fields(
    admin_client, second_editor, project
):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Leurs mots.")
    data = form_values(refused(second_editor, url, second, teaser_fr="Mes mots."), "project_form")
    again = open_change_form(admin_client, url, "project_form")
    saved(admin_client, url, again, teaser_en="Their English teaser")

    data["clash_choice_teaser_fr"] = ["yours"]
    saved(second_editor, url, data)
    project.refresh_from_db()
    assert (project.teaser_fr, project.teaser_en) == ("Mes mots.", "Their English teaser")


def test_rich_text_is_compared_as_text_and_saved_clean(admin_client, second_editor, project):
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, body_fr="<p>Le texte <strong>de l'autre</strong>.</p>")
    html = refused(
        second_editor,
        url,
        second,
        body_fr='<p>Mon texte.</p><script>alert("x")</script><p>Suite</p>',
    )
    panel = html[html.index('class="clash-panel') : html.index('name="clash_typed_body_fr"')]
    assert "&lt;p&gt;" not in panel and "&lt;strong" not in panel, "words, not markup"
    assert f"{PUT_IN}Le texte de l&#x27;autre.</ins>" in panel
    assert f"{PUT_IN}Mon texte. Suite</ins>" in panel
    assert "<script" not in panel and "alert" not in panel

    data = form_values(html, "project_form")
    data["clash_choice_body_fr"] = ["yours"]
    saved(second_editor, url, data)
    project.refresh_from_db()
    assert project.body_fr == "<p>Mon texte.</p><p>Suite</p>"


def test_changes_to_different_paragraphs_of_one_text_are_merged(
    admin_client, second_editor, project
):
    text = "<p>Premier.</p><h2>Titre</h2><ul><li>un</li></ul><p>Dernier.</p>"
    project = saved_with(admin_client, project, body_fr=text)
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, body_fr=text.replace("Premier.", "Le premier."))
    mine = text.replace("<li>un</li>", "<li>un</li><li>deux</li>") + "<p>Ajout.</p>"
    response = saved(second_editor, url, second, body_fr=mine)

    project.refresh_from_db()
    assert project.body_fr == (
        "<p>Le premier.</p><h2>Titre</h2><ul><li>un</li><li>deux</li></ul>"
        "<p>Dernier.</p><p>Ajout.</p>"
    )
    message = second_editor.get(response.url).content.decode()
    assert "Where you changed different paragraphs, both are kept: French: Text" in message


def test_a_merged_text_is_in_the_form_while_another_field_waits_for_a_choice(
    admin_client, second_editor, project
):
    project = saved_with(admin_client, project, body_fr="<p>Premier.</p><p>Dernier.</p>")
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, body_fr="<p>Le premier.</p><p>Dernier.</p>", title_en="Theirs")
    html = refused(
        second_editor, url, second, body_fr="<p>Premier.</p><p>Le dernier.</p>", title_en="Mine"
    )
    data = form_values(html, "project_form")
    assert data["body_fr"] == ["<p>Le premier.</p><p>Le dernier.</p>"]
    assert "clash_choice_body_fr" not in html

    data["clash_choice_title_en"] = ["theirs"]
    saved(second_editor, url, data)
    project.refresh_from_db()
    assert (project.body_fr, project.title_en) == ("<p>Le premier.</p><p>Le dernier.</p>", "Theirs")


def test_taking_their_rich_text_keeps_their_html(admin_client, second_editor, project):
    url, first, second = two_forms(admin_client, second_editor, project)
    theirs = "<p>Le texte <strong>de l'autre</strong>.</p><ul><li>un</li></ul>"
    saved(admin_client, url, first, body_fr=theirs)
    data = form_values(
        refused(second_editor, url, second, body_fr="<p>Mon texte.</p>"), "project_form"
    )
    data["clash_choice_body_fr"] = ["theirs"]
    saved(second_editor, url, data)
    project.refresh_from_db()
    assert project.body_fr == theirs


def test_an_item_without_a_version_compares_with_what_the_form_was_opened_on(
    admin_client, second_editor, site_content
):
    """Initial content and items made by scripts have no version yet when first opened."""
    item = make_content(Project, "Fresh")
    url, first, second = two_forms(admin_client, second_editor, item)
    saved(admin_client, url, first, teaser_fr="Leurs mots.")
    saved(second_editor, url, second, title_en="Mine")
    item.refresh_from_db()
    assert (item.teaser_fr, item.title_en) == ("Leurs mots.", "Mine")


def test_a_chosen_cover_is_kept_through_the_refusal(admin_client, second_editor, project):
    picture = make_image("square")
    url, first, second = two_forms(admin_client, second_editor, project)
    saved(admin_client, url, first, teaser_fr="Leurs mots.")
    second["cover"] = str(picture.pk)
    html = refused(second_editor, url, second, teaser_fr="Mes mots.")

    data = form_values(html, "project_form")
    assert data["cover"] == [str(picture.pk)]
    data["clash_choice_teaser_fr"] = ["yours"]
    saved(second_editor, url, data)
    project.refresh_from_db()
    assert project.teaser_fr == "Mes mots."
    assert project.cover == picture


def test_a_partner_both_edited_asks_too(admin_client, second_editor, site_content):
    partner = Partner.objects.first()
    url, first, second = two_forms(admin_client, second_editor, partner)
    saved(admin_client, url, first, name_en="Their name")
    html = refused(second_editor, url, second, name_en="My name")
    assert "You both changed English: Name" in html
