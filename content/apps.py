from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from django.core import checks
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate

        from content import planner
        from content.checks import check_content_kinds
        from content.models import content_models, remember_addresses_of_deleted
        from content.multilingual_querysets import make_multilingual_querysets_once
        from content.search_vectors import (
            create_full_text_tables,
            create_text_search_configurations,
            drop_full_text_triggers,
            register_plain_text_function,
        )
        from operations.signals import restored

        checks.register(check_content_kinds, checks.Tags.models)
        make_multilingual_querysets_once()
        restored.connect(planner.refresh_statistics_after, dispatch_uid="planner")
        for model in content_models():
            post_delete.connect(remember_addresses_of_deleted, sender=model)
            for signal in (post_save, post_delete):
                signal.connect(planner.statistics_follow_content, sender=model)
        # Before any app's migrations: the content apps' vectors use the configurations.
        pre_migrate.connect(create_text_search_configurations, dispatch_uid="text_search")
        # SQLite's full-text tables, kept by triggers that migrations must not meet and
        # that read rich text through a function of the site's.
        connection_created.connect(register_plain_text_function, dispatch_uid="full_text")
        pre_migrate.connect(drop_full_text_triggers, sender=self, dispatch_uid="full_text")
        post_migrate.connect(create_full_text_tables, sender=self, dispatch_uid="full_text")
