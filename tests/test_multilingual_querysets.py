"""Lists of translated content stay cheap: the queryset classes modeltranslation adds
are made once (content/multilingual_querysets.py), and still read the visitor's
language."""

import pickle

import pytest
from django.utils import translation
from modeltranslation.manager import MultilingualQuerySet

from projects.models import Project

pytestmark = pytest.mark.django_db


def test_asking_for_projects_again_makes_no_new_class(site_content):
    first, again = Project.objects.published(), Project.objects.published()
    assert type(first) is type(again)
    project = first.first()
    assert type(project.cities.all()) is type(project.cities.all())


def test_the_querysets_still_read_the_visitors_language(site_content):
    project = Project.objects.published().first()
    assert isinstance(Project.objects.all(), MultilingualQuerySet)
    with translation.override("fr"):
        assert Project.objects.filter(title=project.title_fr).get() == project
        assert (
            Project.objects.published().values_list("title", flat=True).get(pk=project.pk)
            == project.title_fr
        )


def test_a_kept_list_of_projects_comes_back_whole(site_content):
    projects = Project.objects.published()[:3]
    assert list(pickle.loads(pickle.dumps(projects))) == list(projects)
