"""Staff accounts keep their history: Django deletes a user's admin log entries with
the user, so an account that has changed anything is deactivated, never deleted."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import checks
from django.db.models import ProtectedError, Sum
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _


def history_of(user):
    """Why `user` cannot be deleted, or an empty list."""
    count = LogEntry.objects.filter(user=user).count()
    if not count:
        return []
    return [
        _(
            "%(user)s made %(count)d changes recorded in the admin's history, which "
            "deleting the account would erase: untick “Active” instead."
        )
        % {"user": user, "count": count}
    ]


def refuse_deleting_history(sender, instance, **kwargs):
    reasons = history_of(instance)
    if reasons:
        raise ProtectedError(reasons[0], set(LogEntry.objects.filter(user=instance)))


def client_address(request):
    """The visitor's address for the login lockout: behind TRUSTED_PROXY_COUNT proxies,
    the entry of X-Forwarded-For that the first of them wrote; the connection's own
    address for a request that did not come through a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not (settings.USE_X_FORWARDED_FOR and count > 0 and remote in settings.TRUSTED_PROXIES):
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    # Entries left of the ones the proxies wrote are the client's to choose.
    return entries[-count] if len(entries) >= count else remote


@checks.register(checks.Tags.security, deploy=False)
def forwarded_for_needs_a_proxy_count(app_configs, **kwargs):
    if settings.USE_X_FORWARDED_FOR and settings.TRUSTED_PROXY_COUNT < 1:
        return [
            checks.Error(
                "USE_X_FORWARDED_FOR is on without TRUSTED_PROXY_COUNT.",
                hint=(
                    "Set TRUSTED_PROXY_COUNT to the number of proxies in front of the site "
                    "(1 for nginx alone): without it, any entry of X-Forwarded-For, which "
                    "a client writes, could be taken for its address."
                ),
                id="staff.E001",
            )
        ]
    return []


class LockoutHandler(AxesDatabaseHandler):
    """django-axes, counting failures per account and address (LOGIN_FAILURE_LIMIT), and
    per address across all accounts (LOGIN_ADDRESS_FAILURE_LIMIT): one password tried on
    many accounts locks the address. The address's count is scaled to axes's one limit."""

    def get_failures(self, request, credentials=None):
        limit = get_failure_limit(request, credentials)
        counts = []
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                count = count * limit // settings.LOGIN_ADDRESS_FAILURE_LIMIT
            counts.append(count)
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None):
        """A successful login forgives that account's failures from that address, not
        the other accounts': an account of one's own must not restart a spray."""
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(
            parameters, self.filter_user_attempts(request, credentials), strict=True
        ):
            if parameter != "ip_address":
                count += attempts.delete()[0]
        return count


def connect_signals():
    pre_delete.connect(
        refuse_deleting_history, sender=get_user_model(), dispatch_uid="keep-staff-history"
    )
