from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from django.db.models.signals import post_migrate

        from staff import accounts, roles

        accounts.connect_signals()
        # The roles' groups follow the kinds of content and languages installed now.
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="roles")


class AdminConfig(admin_apps.AdminConfig):
    """The admin, with the site's own login (second factor) and enrolment screen."""

    default = False
    default_site = "staff.admin_site.AdminSite"
