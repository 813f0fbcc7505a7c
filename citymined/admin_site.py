from django.conf import settings
from django.contrib import admin
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override


class SiteAdmin(admin.AdminSite):
    """The admin, under its own Content-Security-Policy: the rich-text editor injects
    inline styles that the public pages' policy forbids."""

    site_header = "City Mine(d)"
    site_title = "City Mine(d)"

    def admin_view(self, view, cacheable=False):
        return csp_override(settings.ADMIN_CSP)(super().admin_view(view, cacheable))

    @method_decorator(csp_override(settings.ADMIN_CSP))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
