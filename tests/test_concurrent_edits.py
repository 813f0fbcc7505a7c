"""Two editors in the same form: the later save is refused, not silently overwriting
the earlier one, and keeps what its editor typed until they save again."""

import pytest
from django.test import Client

from tests.admin_forms import change_url, form_values, open_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_superuser("second", "second@example.org", "pw")
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_save_over_someone_elses_is_refused_with_input_kept_then_saved(
    admin_client, second_editor, about
):
    url = change_url(about)
    first = open_change_form(admin_client, url, "page_form")
    second = open_change_form(second_editor, url, "page_form")
    dutch = about.body_nl + "<p>Een nieuwe zin.</p>"
    first["body_nl"] = [dutch]
    assert admin_client.post(url, first).status_code == 302

    second["title_en"] = ["How we work, by the second editor"]
    refused = second_editor.post(url, second)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "admin saved this page on" in html
    assert "Dutch: Text" in html
    assert 'value="How we work, by the second editor"' in html
    about.refresh_from_db()
    assert about.title_en != "How we work, by the second editor"
    assert "Een nieuwe zin." in about.body_nl

    # The refused form now carries the latest version and the first editor's Dutch
    # sentence, which the second never touched: saving it again keeps both.
    again = form_values(html, "page_form")
    assert second_editor.post(url, again).status_code == 302
    about.refresh_from_db()
    assert about.title_en == "How we work, by the second editor"
    assert "Een nieuwe zin." in about.body_nl


def test_what_the_second_editor_changed_too_stays_theirs(admin_client, second_editor, about):
    url = change_url(about)
    first = open_change_form(admin_client, url, "page_form")
    second = open_change_form(second_editor, url, "page_form")
    first["title_en"] = ["The first editor's title"]
    admin_client.post(url, first)
    second["title_en"] = ["The second editor's title"]
    html = second_editor.post(url, second).content.decode()
    assert 'value="The second editor&#x27;s title"' in html
    assert "English: Title" in html
