import sys

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from content.planner import refresh_statistics


class Command(BaseCommand):
    help = (
        "Create the site's initial content (pages, projects, funders). Safe to run again: "
        "it creates nothing twice and never changes what editors have changed. Items "
        "without a kept version (the history's) get a first one."
    )

    def handle(self, *args, **options):
        # Each app's `initial_content` module, in the order of INSTALLED_APPS (content
        # may link to what an earlier app created). One that fails to import is an error.
        autodiscover_modules("initial_content")
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module = sys.modules.get(f"{app_config.name}.initial_content")
                if module is not None:
                    created = module.load()
                    self.stdout.write(f"{module.__name__}: {created} new item(s)")
        # A first version of everything that has none yet, so that the first edit in
        # the admin has something to compare with and to go back to.
        call_command("createinitialrevisions", stdout=self.stdout)
        refresh_statistics()
