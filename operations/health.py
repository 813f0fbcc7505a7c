"""What the site does when a part it depends on fails: a load balancer's /healthz, and
a "back soon" page with Retry-After rather than a bare 500 when the database is gone."""

import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30
HEALTH_KEY = "healthz"


# The middleware that give every answer its security headers (CSP, HSTS,
# X-Frame-Options, Permissions-Policy, nosniff…). An error page made where they have not
# run (the page cache, first of all middleware, failed) gets them from server_error.
SECURITY_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.permissions_policy",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


def server_error(request, template_name="500.html"):
    """handler500: a database that cannot be reached is an outage, not a bug."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return with_security_headers(request, default_server_error(request, template_name))
    # Rendered without the request: context processors would ask the database.
    response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return with_security_headers(request, response)


def with_security_headers(request, response):
    """`response` with the headers the security middleware give; each adds only what
    is missing, so passing through them again later changes nothing."""
    for path in SECURITY_MIDDLEWARE:
        middleware = import_string(path)(lambda request, made=response: made)
        if hasattr(middleware, "process_response"):
            # Not the whole middleware: its request half may answer instead (a redirect
            # to HTTPS), and this answer is already made.
            response = middleware.process_response(request, response)
        else:
            response = middleware(request)
    return response


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health check: database unavailable: %s", error)
        return False
    return True


def cache_status():
    # The cache forgives failures (operations/cache.py), so a value that does not come
    # back is how an unreachable one shows.
    cache.set(HEALTH_KEY, "ok", 10)
    return cache.get(HEALTH_KEY) == "ok"


@never_cache
@require_safe
def healthz(request):
    checks = {"database": database_status(), "cache": cache_status()}
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
