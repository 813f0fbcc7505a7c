"""On the translate screen a teaser (a sentence or two) is a text area, as long as the
text it holds, not a one-line input (issue 21); titles and names stay one line."""

import re

from projects.models import Project
from tests.translations.test_translate_view import (  # noqa: F401 (fixtures)
    TARGET,
    open_form,
    post,
    stale_project,
    translator,
)


def test_the_teaser_is_a_text_area_and_the_title_a_line(translator, stale_project):  # noqa: F811
    response, _data = open_form(translator, stale_project)
    html = response.content.decode()
    teaser = re.search(rf'<textarea[^>]*name="teaser_{TARGET}"[^>]*>', html)
    assert teaser, "the teaser is no text area"
    assert 'maxlength="300"' in teaser.group(0)
    assert 'rows="3"' in teaser.group(0)
    assert f'lang="{TARGET}"' in teaser.group(0)
    assert re.search(rf'<input[^>]*name="title_{TARGET}"', html)


def test_a_teaser_typed_in_the_text_area_is_saved(translator, stale_project):  # noqa: F811
    response = post(translator, stale_project, **{f"teaser_{TARGET}": "Une fabrique de quartier."})
    assert response.status_code == 302
    assert getattr(Project.objects.get(pk=stale_project.pk), f"teaser_{TARGET}") == (
        "Une fabrique de quartier."
    )
