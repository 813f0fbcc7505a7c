"""Dates in the admin follow its language's usage, never the American one (issue 21):
a Belgian reads and types "07/12/2026" as 7 December, in English as in French."""

from datetime import date, datetime

import pytest
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils import timezone, translation
from django.utils.formats import date_format

from projects.models import Project
from tests.admin_forms import signed_in
from tests.factories import make_editor, make_project, prefer_admin_language

DECEMBER_7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    "language, shown", [("en", "07/12/2026"), ("fr", "07/12/2026"), ("nl", "7-12-2026")]
)
def test_a_short_date_reads_day_first(language, shown):
    with translation.override(language):
        assert date_format(DECEMBER_7, "SHORT_DATE_FORMAT") == shown


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_date_typed_day_first_is_read_day_first(language):
    class DateForm(forms.Form):
        day = forms.DateField(widget=AdminDateWidget)

    with translation.override(language):
        form = DateForm({"day": "07/12/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == DECEMBER_7
        assert 'value="07/12/2026"' in str(DateForm(initial={"day": DECEMBER_7})["day"])


@pytest.mark.django_db
def test_the_list_says_when_a_scheduled_item_comes_out_day_first(site_content):
    moment = timezone.make_aware(datetime(2099, 12, 7, 10, 0))
    make_project("later", status=Project.Status.PUBLISHED, published_at=moment)
    user = make_editor()
    prefer_admin_language(user, "en")
    page = signed_in(user).get("/admin/projects/project/").content.decode()
    assert "Scheduled for 07/12/2099" in page
