"""The files crawlers and browsers ask for at the site's root."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from citymined import organisation
from citymined.content import LANGUAGE_CODES

DAY = 60 * 60 * 24


@require_safe
@cache_control(max_age=DAY, public=True)
def robots_txt(request):
    """Crawlers stay out of the admin, previews (`?preview` on any address) and search
    results (endless, thin pages); the sitemap lists everything else."""
    search_paths = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            search_paths.append(reverse("search:results"))
    context = {
        # A custom ADMIN_PATH is meant to stay unknown: robots.txt would give it away.
        "admin": reverse("admin:index") if settings.ADMIN_PATH == "admin/" else None,
        "search_paths": search_paths,
        "sitemap": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=DAY, public=True)
def web_manifest(request):
    icons = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    manifest = {
        "name": organisation.NAME,
        "short_name": organisation.NAME,
        "start_url": "/",
        "display": "browser",
        "background_color": "#fffdf7",
        "theme_color": "#c2410c",
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
