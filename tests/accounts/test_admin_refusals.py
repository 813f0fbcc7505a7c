"""A refusal in the admin explains itself (issue 21): an admin page, in the staff
member's language, with the reason and a way back, never a bare "403 Forbidden"."""

import pytest

from projects.models import Project
from tests.admin_forms import signed_in
from tests.factories import make_staff, make_translator, prefer_admin_language
from translations.admin import translate_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(site_content):
    return Project.objects.published().first()


def test_a_translator_refused_another_language_is_told_why_on_an_admin_page(project):
    translator = signed_in(make_translator("fr"))
    came_from = f"http://testserver/admin/projects/project/{project.pk}/change/"
    response = translator.get(translate_url(project, "nl"), headers={"referer": came_from})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="header"' in page  # the admin's own page, with its header and menu
    assert "Translators for French can change French texts only." in page
    assert f'href="{came_from}"' in page
    assert "Nothing was changed." in page


@pytest.mark.parametrize(
    "language, reason, back",
    [
        ("nl", "Vertalers voor het Frans kunnen alleen teksten in het Frans wijzigen.", "Terug"),
        (
            "fr",
            "Les traducteurs (Français) ne peuvent modifier que les textes dans cette langue.",
            "Retour",
        ),
    ],
)
def test_the_refusal_speaks_the_admins_language(project, language, reason, back):
    user = make_translator("fr")
    prefer_admin_language(user, language)
    response = signed_in(user, language).get("/admin/pages/page/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert reason in page
    assert f'<a href="/admin/">{back}</a>' in page


def test_staff_without_a_role_are_told_to_ask(project):
    response = signed_in(make_staff("stagiair")).get("/admin/projects/project/add/")
    assert response.status_code == 403
    assert "An editor or an administrator can tell you why." in response.content.decode()
