"""Each staff member reads the admin in their own language: the one they chose in their
preferences, or else their browser's, whatever language they read the public site in."""

import pytest
from django.urls import reverse

from content.models import url_in
from staff.models import StaffProfile
from tests.admin_forms import signed_in
from tests.factories import LANGUAGES, make_editor, prefer_admin_language

pytestmark = pytest.mark.django_db


def admin_language(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.headers["Content-Language"]


def read_public_pages(client, page):
    for code in LANGUAGES:
        assert client.get(url_in(page, code)).status_code == 200


def test_the_admin_keeps_the_chosen_language_after_public_pages_in_others(about):
    editor = make_editor()
    prefer_admin_language(editor, "fr")
    client = signed_in(editor, language="en")
    assert admin_language(client) == "fr"
    read_public_pages(client, about)
    assert admin_language(client) == "fr"
    assert "Bienvenue" in client.get(reverse("admin:index")).content.decode()


def test_without_a_choice_the_admin_follows_the_browser_not_the_pages_read(about):
    client = signed_in(make_editor(), language="en")
    read_public_pages(client, about)
    assert admin_language(client) == "en"
    # A language chosen in the public switcher is remembered for the public pages only.
    client.cookies["django_language"] = "fr"
    client.get(url_in(about, "fr"))
    assert admin_language(client) == "en"


def test_public_pages_still_follow_the_language_chosen_in_the_switcher(about):
    editor = make_editor()
    prefer_admin_language(editor, "nl")
    client = signed_in(editor, language="en")
    client.get(reverse("choose_language", args=["fr"]), {"next": url_in(about, "fr")})
    assert client.get("/")["Location"] == "/fr/"
    assert admin_language(client) == "nl"


def test_staff_choose_their_language_in_my_preferences(site_content):
    client = signed_in(make_editor(), language="en")
    index = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("admin:preferences")}">My preferences<' in index
    form = client.get(reverse("admin:preferences")).content.decode()
    # Each language is named in itself, so that anyone finds their own.
    assert ">Nederlands<" in form
    assert ">The language of my browser<" in form
    response = client.post(reverse("admin:preferences"), {"admin_language": "nl"}, follow=True)
    assert "Uw voorkeuren zijn opgeslagen." in response.content.decode()
    assert admin_language(client) == "nl"
    client.post(reverse("admin:preferences"), {"admin_language": ""})
    assert admin_language(client) == "en"


def test_an_unknown_language_is_refused(site_content):
    editor = make_editor()
    client = signed_in(editor)
    response = client.post(reverse("admin:preferences"), {"admin_language": "xx"})
    assert "Select a valid choice." in response.content.decode()
    assert not StaffProfile.objects.filter(user=editor).exists()


def test_the_language_is_also_set_on_the_account_in_users(admin_client, site_content):
    editor = make_editor()
    url = reverse("admin:auth_user_change", args=[editor.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="staff_profile-0-admin_language"' in html
