"""Django's migration autodetector, with an index added after the fields it covers.

Django 6.1 gives a new index no dependency on its fields. When a generated field waits for
the fields its expression reads (the search vectors of a new language wait for its title
and text), the index comes first, and `migrate` fails on a field that does not exist yet.
makemigrations and migrate (which checks for changes) must share it, hence both commands."""

from django.db.migrations import operations
from django.db.migrations.autodetector import MigrationAutodetector, OperationDependency


class IndexesAfterTheirFields(MigrationAutodetector):
    def generate_added_indexes(self):
        for (app_label, model_name), alt_indexes in self.altered_indexes.items():
            dependencies = self._get_dependencies_for_model(app_label, model_name)
            for index in alt_indexes["added_indexes"]:
                fields = [
                    OperationDependency(
                        app_label,
                        model_name,
                        field.removeprefix("-"),
                        OperationDependency.Type.CREATE,
                    )
                    for field in index.fields
                ]
                self.add_operation(
                    app_label,
                    operations.AddIndex(model_name=model_name, index=index),
                    dependencies=[*dependencies, *fields],
                )
