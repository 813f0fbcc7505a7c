"""Moving old pictures into the library (media/adopting.py) on a site with a language
added after the library: the migrations made before it must not look for its columns."""

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

from media.adopting import language_codes


def test_a_language_added_since_the_library_is_not_looked_for_in_its_migrations():
    state = MigrationLoader(None).project_state(("projects", "0015_library_pictures_linked"))
    project = state.apps.get_model("projects", "Project")
    image = state.apps.get_model("media", "Image")
    then = language_codes(project, "cover_alt"), language_codes(image, "alt")
    assert then[0] and then[0] == then[1]
    with override_settings(LANGUAGES=[*settings.LANGUAGES, ("xx", "Another language")]):
        assert (language_codes(project, "cover_alt"), language_codes(image, "alt")) == then
