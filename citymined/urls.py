from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.static import serve

from events.sitemaps import EventSectionSitemap, EventSitemap
from news.sitemaps import NewsSectionSitemap, NewsSitemap
from operations import health
from pages.sitemaps import PageSitemap
from projects.feeds import ProjectAtomFeed, ProjectRssFeed
from projects.sitemaps import ProjectSectionSitemap, ProjectSitemap
from projects.views import SupportersView
from seo import views as site_views
from seo.views import read_only

handler403 = "staff.views.permission_denied"
handler404 = "content.views.page_not_found"
handler500 = health.server_error

# Each app offers its sitemaps. Classes, not instances: the sitemap view makes fresh ones
# for each request.
SITEMAPS = {
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "sections": ProjectSectionSitemap,
    "news": NewsSitemap,
    "news-list": NewsSectionSitemap,
    "events": EventSitemap,
    "events-list": EventSectionSitemap,
}

# Names with a dot never clash with a project's slug.
feeds = (
    [
        path("feed.atom", read_only(ProjectAtomFeed()), name="atom"),
        path("feed.rss", read_only(ProjectRssFeed()), name="rss"),
    ],
    "feeds",
)

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    # An index of the sections' sitemaps, each cut into pages of a fixed size (`?p=2`):
    # the protocol caps a sitemap at 50,000 addresses, and a page's cost stays the same
    # however large the archive grows.
    path(
        "sitemap.xml",
        read_only(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml", read_only(sitemap), {"sitemaps": SITEMAPS}, name="sitemap-section"
    ),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, {"unlisted": ["search:results"]}, name="robots"),
    path("language/<str:code>/", site_views.choose_language, name="choose_language"),
    path("manifest.webmanifest", site_views.web_manifest, name="manifest"),
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.ico"))),
]

urlpatterns += i18n_patterns(
    path(_("projects/"), include("projects.urls")),
    path(_("projects/"), include(feeds)),
    path(_("news/"), include("news.urls")),
    path(_("events/"), include("events.urls")),
    path(_("search/"), include("search.urls")),
    path(_("supporters/"), SupportersView.as_view(), name="supporters"),
    # The library's documents, named in the reader's language.
    path(_("documents/"), include("media.urls")),
    # The pages' catch-all slug pattern comes last: every section path wins over it.
    path("", include("pages.urls")),
)

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        path(f"{media_prefix}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    ]
