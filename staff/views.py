from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults

from staff.roles import translator_refusal


def permission_denied(request, exception):
    """A refusal in the admin is an admin page, in the staff member's language, that
    says why and leads back; a bare "403 Forbidden" leaves them stranded. Elsewhere,
    Django's own."""
    user = getattr(request, "user", None)
    in_admin = request.path.startswith(f"/{settings.ADMIN_PATH}")
    if not (in_admin and user is not None and user.is_active and user.is_staff):
        return defaults.permission_denied(request, exception)
    from django.contrib import admin

    reason = (exception.args[0] if exception and exception.args else "") or (
        translator_refusal(user)
        or _("Your account may not do this. An editor or an administrator can tell you why.")
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Not allowed"),
        "reason": reason,
        "back_url": _back_url(request),
    }
    return render(request, "admin/403.html", context, status=403)


def _back_url(request):
    """The page the staff member came from, when it is one of this site's; else the
    admin's home."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("admin:index")
