from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# In the order they depend on each other: projects link to the supporters page.
CONTENT_MODULES = ["pages.initial_content", "projects.initial_content"]


class Command(BaseCommand):
    help = (
        "Create the site's initial content (pages, projects, funders). Safe to run again: "
        "it creates nothing twice and never changes what editors have changed."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in CONTENT_MODULES:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError:
                    continue
                created = module.load()
                self.stdout.write(f"{module_name}: {created} new item(s)")
