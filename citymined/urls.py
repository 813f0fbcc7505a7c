from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from projects.views import SupportersView

admin.site.site_header = "City Mine(d)"
admin.site.site_title = "City Mine(d)"

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path(_("projects/"), include("projects.urls")),
    path(_("supporters/"), SupportersView.as_view(), name="supporters"),
    # The pages' catch-all slug pattern comes last: every section path wins over it.
    path("", include("pages.urls")),
)

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        path(f"{media_prefix}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    ]
