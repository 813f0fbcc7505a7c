"""Nothing an editor did is lost by deleting something else: cities and themes that
projects use, and staff accounts with a history, stay."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import translation

from projects.models import City, Theme
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_city_that_projects_use_cannot_be_deleted(city):
    make_project("la-pile", cities=[city])
    with pytest.raises(ProtectedError, match="move it to another city first"):
        city.delete()
    with pytest.raises(ProtectedError):
        City.objects.all().delete()
    assert City.objects.filter(pk=city.pk).exists()


def test_a_theme_that_projects_use_cannot_be_deleted(city, theme):
    make_project("la-pile", cities=[city], themes=[theme])
    with pytest.raises(ProtectedError):
        theme.delete()
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_an_unused_city_or_theme_can_be_deleted(london, economy):
    london.delete()
    economy.delete()
    assert not City.objects.exists()
    assert not Theme.objects.exists()


def test_the_admin_says_which_projects_keep_a_city(admin_client, city):
    make_project("la-pile", cities=[city])
    url = f"/admin/projects/city/{city.pk}/delete/"
    html = admin_client.get(url).content.decode()
    assert "“la-pile EN” is in Brussels: move it to another city first." in html
    assert "Yes, I’m sure" not in html
    admin_client.post(url, {"post": "yes"})
    assert City.objects.filter(pk=city.pk).exists()


def test_the_admin_bulk_delete_refuses_a_used_theme(admin_client, city, theme, economy):
    make_project("la-pile", cities=[city], themes=[theme])
    response = admin_client.post(
        "/admin/projects/theme/",
        {"action": "delete_selected", "_selected_action": [theme.pk, economy.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "move it to another theme first" in response.content.decode()
    assert Theme.objects.count() == 2


def staff_with_history(username="editor"):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(City),
        object_id="1",
        object_repr="Brussels",
        action_flag=CHANGE,
    )
    return user


def test_a_staff_account_with_a_history_is_kept(admin_client):
    user = staff_with_history()
    with pytest.raises(ProtectedError), transaction.atomic():
        user.delete()
    html = admin_client.get(f"/admin/auth/user/{user.pk}/delete/").content.decode()
    assert "untick “Active” instead" in html
    admin_client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert LogEntry.objects.filter(user=user).count() == 1


def test_an_account_without_history_can_be_deleted():
    user = get_user_model().objects.create_user("visitor", password="x")
    user.delete()
    assert not get_user_model().objects.filter(username="visitor").exists()
