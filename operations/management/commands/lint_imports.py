"""`manage.py lint_imports` (in `make lint`): import-linter's contracts from pyproject.toml,
over every app of the site. An app of INSTALLED_APPS that they do not name is checked as
well, beside the apps of the top layer (a new kind of content, say): a new app needs no
line in pyproject.toml to have its imports checked."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from importlinter import configuration
from importlinter.adapters.user_options import TomlFileUserOptionReader
from importlinter.application import use_cases
from importlinter.application.app_config import settings as linter_settings


def site_apps():
    """The site's own apps (their packages in the project's folder), from INSTALLED_APPS."""
    base = Path(settings.BASE_DIR)
    return [app.name for app in apps.get_app_configs() if Path(app.path).parent == base]


class WithEveryApp(TomlFileUserOptionReader):
    """pyproject.toml's [tool.importlinter], with the apps it does not name added to the
    packages checked, to the layer under the project package, and to the ancestors whose
    modules must not import each other both ways."""

    def _read_config_filename(self, config_filename):
        options = super()._read_config_filename(config_filename)
        named = options.session_options["root_packages"]
        unnamed = [app for app in site_apps() if app not in named]
        named.extend(unnamed)
        for contract in options.contracts_options:
            if contract["type"] == "layers":
                contract["layers"][1] = " | ".join([contract["layers"][1], *unnamed])
            if contract["type"] == "acyclic_siblings":
                contract["ancestors"].extend(unnamed)
        return options


def configure_linter():
    """import-linter as its own command sets it up, but reading pyproject.toml with every app."""
    configuration.configure()
    readers = linter_settings.USER_OPTION_READERS | {"toml": WithEveryApp()}
    linter_settings.configure(USER_OPTION_READERS=readers)


class Command(BaseCommand):
    help = "Checks the import contracts of pyproject.toml over every app of the site."

    def handle(self, *args, **options):
        configure_linter()
        pyproject = str(Path(settings.BASE_DIR) / "pyproject.toml")
        if not use_cases.lint_imports(config_filename=pyproject, cache_dir=None, no_logo=True):
            raise CommandError("Some imports break the contracts above.")
