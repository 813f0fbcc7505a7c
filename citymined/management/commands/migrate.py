from django.core.management.commands import migrate

from citymined.management.autodetector import IndexesAfterTheirFields


class Command(migrate.Command):
    autodetector = IndexesAfterTheirFields
