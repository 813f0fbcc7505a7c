from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _


def remember_language(get_response):
    """Remember the language of the last public page a visitor read, so that `/`
    sends them back to it next time (LocaleMiddleware reads this cookie first)."""

    def middleware(request):
        response = get_response(request)
        language = get_language_from_path(request.path_info)
        if (
            language
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware


def limit_request_body(get_response):
    """Refuse a body over REQUEST_BODY_MAX_BYTES by its announced length, before
    anything reads it: Django would otherwise write a large upload to disk before the
    view (or CSRF) turns it down. A body without a length is never read under WSGI."""

    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return HttpResponse(
                _("This request is too large."), status=413, content_type="text/plain"
            )
        return get_response(request)

    return middleware


def permissions_policy(get_response):
    """Browser features the site never uses are refused (Permissions-Policy)."""
    policy = settings.PERMISSIONS_POLICY
    header = ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", header)
        return response

    return middleware
