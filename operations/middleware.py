from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _


def vary_on_language_only_for_redirects(get_response):
    """Only the redirects to a language (`/`, an address without its prefix) depend on
    the browser's languages. Django says so on every unprefixed answer (robots.txt, the
    sitemap), which would make shared caches keep a copy per Accept-Language."""

    def middleware(request):
        response = get_response(request)
        if not 300 <= response.status_code < 400 and response.has_header("Vary"):
            kept = [
                name.strip()
                for name in response["Vary"].split(",")
                if name.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
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


def merge_leading_slashes(get_response):
    """A path that starts with two slashes is sent on to the same path with one, as
    nginx's merge_slashes does in front of the site. Read as an address, "//x/y" names
    the host "x": the canonical link and the language switcher, built from the path,
    would point there, and "//[" is no address at all (Python refuses to parse it)."""

    def middleware(request):
        if request.path_info.startswith("//"):
            return HttpResponsePermanentRedirect("/" + request.get_full_path().lstrip("/"))
        return get_response(request)

    return middleware


class MethodNotAllowedBeforeCsrf:
    """A method a class-based view has no handler for (a POST to a public page) answers
    405 with the methods it takes, as the view itself would, instead of reaching the
    CSRF check first and answering 403 as if a form had expired. Views with a `post`
    (the admin's) go on to the CSRF check. Function views that only read say so with
    `read_only` (seo/views.py): `require_safe` and `csrf_exempt`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        allowed = [
            method.upper()
            for method in view_class.http_method_names
            # View.setup() answers HEAD with `get`.
            if hasattr(view_class, method) or (method == "head" and hasattr(view_class, "get"))
        ]
        if request.method in allowed:
            return None
        return HttpResponseNotAllowed(allowed)
