from citymined.translation_files import apply, check_file
from projects.models import Project
from tests.translations.test_translation_files import committed, sample_content


def test_debug(empty_site):
    sample_content()
    plan = check_file(committed("fr-translated.xlf"), None, "fr")
    print([(c.name, c.old, c.new, c.confirm) for c in plan.changes])
    apply(plan)
    p = Project.objects.get(pk=9001)
    print(repr(p.title_fr), repr(p.body_fr), p.slug_fr)
    assert 0
