"""The files crawlers and browsers ask for at the site's root."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from caching.fragments import cached
from content.models import LANGUAGE_CODES, Organisation

DAY = 60 * 60 * 24


def read_only(view):
    """A function view that only reads: a POST answers 405 rather than the CSRF check's
    403, as the pages' views do (operations.middleware.MethodNotAllowedBeforeCsrf)."""
    return csrf_exempt(require_safe(view))


@read_only
@cache_control(max_age=DAY, public=True)
def robots_txt(request, unlisted=()):
    """Crawlers stay out of the admin, previews (`?preview` on any address), the
    language switcher's redirects and the views named in `unlisted` (search results:
    endless, thin pages), in every language; the sitemap lists everything else."""
    paths = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            paths += [reverse(name) for name in unlisted]
        # The language switcher's redirects: each page's languages are in its hreflang
        # links, and these would offer crawlers an address per page and language.
        paths.append(reverse("choose_language", args=[code]))
    context = {
        # A custom ADMIN_PATH is meant to stay unknown: robots.txt would give it away.
        "admin": reverse("admin:index") if settings.ADMIN_PATH == "admin/" else None,
        "unlisted_paths": paths,
        "sitemap": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@read_only
@cache_control(max_age=DAY, public=True)
def web_manifest(request):
    icons = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    name = cached("organisation", Organisation.current).name
    manifest = {
        "name": name,
        "short_name": name,
        "start_url": "/",
        "display": "browser",
        "background_color": "#fffdf7",
        "theme_color": "#c2410c",
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@read_only
def choose_language(request, code):
    """The language switcher's links lead here: the visitor's choice is remembered (so
    that `/` sends them back to it) on this one answer, never on the pages themselves,
    which proxies may then share. Then on to the page in that language (`next`)."""
    if code not in LANGUAGE_CODES:
        raise Http404
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        with translation.override(code):
            target = reverse(settings.HOME_URL_NAME)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
