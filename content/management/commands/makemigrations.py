from django.core.management.commands import makemigrations

from content.management.autodetector import IndexesAfterTheirFields


class Command(makemigrations.Command):
    autodetector = IndexesAfterTheirFields
