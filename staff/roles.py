"""The roles given to staff: groups whose permissions the site keeps in step with its
kinds of content and its languages.

- Editor: everything about content, meaning every model the admin edits with its
  safety net (SafeEditingAdmin) and the rows edited inside those forms (their inlines):
  add, change, delete, view and publish, and translating into every language. History
  and recovery follow from these.
- Translator (<code>), one per language: reads all content, and translates into that
  language only (`translations.translate_<code>`, which the translate view and the file
  import check). Without add, change, delete or publish, Django's admin refuses every
  other change on the server: the change form is read-only, and saving it, adding,
  deleting, reordering and restoring answer 403.

A migration creates the groups; `sync_roles` runs after every `migrate` and sets their
permissions from what is installed now, so a new kind of content or a new language
finds its place in the groups at the next deploy, with no list to update. The groups'
permissions belong to the site: changes made to them by hand are undone by the next
migrate. Other combinations belong in groups of their own.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext

from translations.models import TranslationRecord

# Stored as they are; `group_label` shows them in the admin's language.
EDITOR = "Editor"
TRANSLATOR = "Translator ({})"


def translator_group(language):
    return TRANSLATOR.format(language)


def role_names():
    return [EDITOR, *(translator_group(code) for code, _name in settings.LANGUAGES)]


def group_label(group):
    """A role's name in the reader's language; any other group's name as it is."""
    if group.name == EDITOR:
        return gettext("Editor")
    for code, name in settings.LANGUAGES:
        if group.name == translator_group(code):
            return gettext("Translator (%(language)s)") % {"language": name}
    return group.name


def edited_models():
    """What staff edit: each model with the admin's safety net, and its inlines'."""
    from django.contrib import admin

    from history.admin import SafeEditingAdmin

    models = []
    # The admin site offers no public way to list what it registered.
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SafeEditingAdmin):
            models.extend([model, *(inline.model for inline in model_admin.inlines)])
    return list(dict.fromkeys(models))


def role_permissions(using=DEFAULT_DB_ALIAS):
    """{group name: its permissions}."""
    models = edited_models()
    types = ContentType.objects.db_manager(using).get_for_models(*models).values()
    permissions = Permission.objects.using(using).select_related("content_type")
    everything = list(permissions.filter(content_type__in=types))
    viewing = {
        (model._meta.app_label, get_permission_codename("view", model._meta)) for model in models
    }
    reading = [p for p in everything if (p.content_type.app_label, p.codename) in viewing]
    translating = {
        code: list(permissions.filter(content_type__app_label=TRANSLATIONS, codename=codename))
        for code, codename in translate_codenames().items()
    }
    roles = {EDITOR: [*everything, *(p for found in translating.values() for p in found)]}
    for code, found in translating.items():
        roles[translator_group(code)] = [*reading, *found]
    return roles


# The permissions to translate belong to the translation records' model.
TRANSLATIONS = TranslationRecord._meta.app_label


def translator_refusal(user):
    """Why the admin refuses `user` something, when they translate and may change
    nothing else ("Translators for French can change French texts only"); None for
    anyone else."""
    from django.utils.text import get_text_list
    from django.utils.translation import ngettext

    languages = [
        name
        for code, name in settings.LANGUAGES
        if user.has_perm(f"{TRANSLATIONS}.{translate_codenames()[code]}")
    ]
    if not languages or user.is_superuser or user.groups.filter(name=EDITOR).exists():
        return None
    names = get_text_list([str(name) for name in languages], gettext("and"))
    return ngettext(
        "Translators for %(languages)s can change %(languages)s texts only.",
        "Translators for %(languages)s can change texts in those languages only.",
        len(languages),
    ) % {"languages": names}


def translate_codenames():
    """{language: the codename of the permission to translate into it}."""
    return {code: f"translate_{code}" for code, _name in settings.LANGUAGES}


def sync_roles(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """After `migrate`: the groups exist and hold exactly their roles' permissions."""
    # Django creates each app's permissions as its own post_migrate signal comes round,
    # and the core's comes before the apps': create them all now (it skips existing ones).
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for name, permissions in role_permissions(using).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)
