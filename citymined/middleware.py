from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import get_language_from_path


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


def permissions_policy(get_response):
    """Browser features the site never uses are refused (Permissions-Policy)."""
    policy = settings.PERMISSIONS_POLICY
    header = ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", header)
        return response

    return middleware


def admin_csp(get_response):
    """The admin gets its own, slightly looser, Content-Security-Policy."""
    admin_prefix = reverse_lazy("admin:index")

    def middleware(request):
        response = get_response(request)
        if request.path_info.startswith(str(admin_prefix)):
            response._csp_config = settings.ADMIN_CSP
        return response

    return middleware
