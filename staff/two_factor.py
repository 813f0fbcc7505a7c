"""Enrolling a first authenticator app (TOTP) takes more than the password: a one-time
enrolment link, made by another superuser (the action on the list of users) or by whoever
runs the server (`manage.py totp_enrolment_link USERNAME`). Someone who has learnt a
password therefore cannot tie the account to an app of their own.

Making a link creates the account's pending device, replacing any earlier one (and so
voiding its link). The link is signed, names that device and the account, and expires
after LINK_SECONDS; once the device is confirmed, it no longer opens anything. It is
only opened by the account it was made for, signed in with its password."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

SALT = "citymined.totp-enrolment"
LINK_SECONDS = 3 * 24 * 60 * 60


class AlreadyEnrolled(Exception):
    pass


def enrolment_path(user):
    """The path of a new enrolment link for `user`; earlier links stop working."""
    if user_has_device(user, confirmed=True):
        raise AlreadyEnrolled(user)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)
    token = signing.dumps({"user": user.pk, "device": device.pk}, salt=SALT)
    return reverse("admin:two_factor_enrol", args=[token])


def pending_device(token, user):
    """The device a link lets `user` confirm, or None when the link is forged, expired,
    already used or made for another account."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_SECONDS)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or user_has_device(user, confirmed=True):
        return None
    return TOTPDevice.objects.filter(pk=data.get("device"), user=user, confirmed=False).first()


def staff_member(username):
    return get_user_model().objects.get(username=username, is_staff=True)
