from django.core.management.commands import makemigrations

from citymined.management.autodetector import IndexesAfterTheirFields


class Command(makemigrations.Command):
    autodetector = IndexesAfterTheirFields
