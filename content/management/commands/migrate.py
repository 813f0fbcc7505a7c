from django.core.management.commands import migrate

from content.management.autodetector import IndexesAfterTheirFields


class Command(migrate.Command):
    autodetector = IndexesAfterTheirFields
