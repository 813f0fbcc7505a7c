"""Staff accounts keep their history: Django deletes a user's admin log entries with
the user, so an account that has changed anything is deactivated, never deleted."""

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
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
    """The visitor's address for the login lockout."""
    if settings.USE_X_FORWARDED_FOR and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def connect_signals():
    pre_delete.connect(
        refuse_deleting_history, sender=get_user_model(), dispatch_uid="keep-staff-history"
    )
