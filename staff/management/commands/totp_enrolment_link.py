from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff.two_factor import LINK_SECONDS, AlreadyEnrolled, enrolment_path, staff_member


def default_base_url():
    hosts = [host for host in settings.ALLOWED_HOSTS if not host.startswith((".", "*"))]
    return f"https://{hosts[0]}" if hosts else ""


class Command(BaseCommand):
    help = (
        "Prints a one-time link with which a staff member enrols their first authenticator "
        "app (two-factor authentication); it voids earlier links."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--base-url",
            default=None,
            help="The site's address, e.g. https://www.citymined.org (default: the first "
            "of ALLOWED_HOSTS).",
        )

    def handle(self, username, base_url=None, **options):
        try:
            user = staff_member(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No staff account is named {username!r}.") from error
        try:
            path = enrolment_path(user)
        except AlreadyEnrolled as error:
            raise CommandError(
                f"{username} already has an authenticator app. To replace a lost one, "
                "delete it under “TOTP devices” in the admin first."
            ) from error
        base = (default_base_url() if base_url is None else base_url).rstrip("/")
        hours = LINK_SECONDS // 3600
        self.stdout.write(
            f"{base}{path}\nValid for {hours} hours, once, for {username} signed in "
            "with their password."
        )
