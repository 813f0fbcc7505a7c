from io import StringIO

import pytest
from django.core.management import call_command


def load_initial_data():
    call_command("load_initial_data", stdout=StringIO())


@pytest.fixture
def site_content(db):
    """The site as `make run` sets it up: the initial content, loaded once."""
    load_initial_data()


@pytest.fixture
def about(site_content):
    from pages.models import Page

    return Page.objects.get(slug_en="about")


@pytest.fixture
def admin_client(admin_client):
    """A logged-in superuser whose admin speaks English (tests read its messages)."""
    admin_client.cookies["django_language"] = "en"
    return admin_client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and generated images go to a temporary folder, never into the repo; the
    cache that remembers which resized images exist starts empty with it."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return settings.MEDIA_ROOT
