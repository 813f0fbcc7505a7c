"""The roles made by the site: an Editor group that may do everything with content, and
one Translator group per language that may read it all and translate into its own
language only. The groups follow the kinds of content installed."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from content.models import FormerAddress
from history.admin import SafeEditingAdmin
from staff.roles import EDITOR, sync_roles, translator_group
from tests.factories import LANGUAGES, prefer_admin_language

pytestmark = pytest.mark.django_db

# What staff edit, as "app_label.model".
CONTENT = [
    "pages.page",
    "projects.project",
    "projects.partner",
    "projects.city",
    "projects.theme",
    "projects.galleryimage",
    "projects.projectpartner",
    "projects.projectdocument",
    "pages.pagedocument",
    "media.document",
    "content.organisation",
    "news.news",
    "events.event",
    "media.image",
    "media.document",
    "media.collection",
]


def permissions_of(name):
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def on(model, action):
    app_label, name = model.split(".")
    return f"{app_label}.{action}_{name}"


def test_there_is_an_editor_and_a_translator_for_each_language():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITOR, *(translator_group(code) for code in LANGUAGES)} <= names
    assert translator_group("fr") == "Translator (fr)"


def test_an_editor_may_do_everything_with_content_and_publish():
    granted = permissions_of(EDITOR)
    for model in CONTENT:
        for action in ("add", "change", "delete", "view"):
            assert on(model, action) in granted
    assert {"pages.publish_page", "projects.publish_project"} <= granted
    assert not any(p.startswith("auth.") for p in granted)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translator_reads_all_content_and_translates_one_language(language):
    granted = permissions_of(translator_group(language))
    assert {on(model, "view") for model in CONTENT} <= granted
    assert f"translations.translate_{language}" in granted
    assert granted == {on(model, "view") for model in CONTENT} | {
        f"translations.translate_{language}"
    }


def test_permissions_changed_by_hand_are_set_right_at_the_next_migrate():
    translator = Group.objects.get(name=translator_group("fr"))
    translator.permissions.add(*Group.objects.get(name=EDITOR).permissions.all())
    Group.objects.get(name=EDITOR).delete()
    sync_roles()
    assert "projects.change_project" not in permissions_of(translator_group("fr"))
    assert "projects.change_project" in permissions_of(EDITOR)


def test_a_new_kind_of_content_joins_the_roles():
    class NewKindAdmin(SafeEditingAdmin):
        pass

    admin.site.register(FormerAddress, NewKindAdmin)
    try:
        sync_roles()
    finally:
        admin.site.unregister(FormerAddress)
    assert "content.delete_formeraddress" in permissions_of(EDITOR)
    assert "content.view_formeraddress" in permissions_of(translator_group("nl"))
    assert "content.change_formeraddress" not in permissions_of(translator_group("nl"))


def test_the_roles_are_named_in_the_admins_language(admin_client, admin_user):
    prefer_admin_language(admin_user, "fr")
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    html = admin_client.get(url).content.decode()
    assert ">Éditeur<" in html
    assert ">Traducteur (Néerlandais)<" in html
