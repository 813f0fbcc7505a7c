"""The change log (and so each version's note) lists only fields that really changed."""

import pytest
from django.contrib.admin.models import LogEntry

from content.fields import RichTextFormField
from pages.models import Page
from projects.models import Partner, Project
from tests.admin_forms import save_in_admin

pytestmark = pytest.mark.django_db


def last_message():
    return LogEntry.objects.order_by("-pk").first().get_change_message()


@pytest.mark.parametrize("model", [Page, Project, Partner])
def test_saving_without_a_change_logs_no_change(admin_client, site_content, model):
    assert save_in_admin(admin_client, model.objects.first()).status_code == 302
    assert last_message() == "No fields changed."


def test_only_the_changed_language_is_logged(admin_client, about):
    save_in_admin(admin_client, about, body_en="<p>Only the English text is new.</p>")
    assert last_message() == "Changed Text [en]."


def test_the_editors_way_of_writing_the_same_text_is_no_change():
    field = Page._meta.get_field("body_nl").formfield()
    assert isinstance(field, RichTextFormField)
    stored = "<p>Eerste alinea,\n  met een regel.</p>\n<ul>\n<li>Punt</li>\n</ul>\n"
    as_the_editor_sends_it = "<p>Eerste alinea, met een regel.</p><ul><li>Punt</li></ul>"
    assert not field.has_changed(stored, as_the_editor_sends_it)
    assert not field.has_changed("", "<p></p>")
    assert not field.has_changed(None, "")
    assert field.has_changed(stored, "<p>Eerste alinea, met <strong>een</strong> regel.</p>")
    assert field.has_changed(stored, as_the_editor_sends_it.replace("Punt", "Punten"))
