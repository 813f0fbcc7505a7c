"""`make superuser`: an administrator's account, asked for in the admin's default
language from start to end (Django's createsuperuser mixes translated field names with
English prompts), and, with no terminal to ask in, a sentence saying what to do instead
of "Superuser creation skipped"."""

import getpass
import os
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# As Django's createsuperuser reads them, for scripts and containers.
FROM_ENVIRONMENT = ("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD")


class Cancelled(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Creates an account with every permission for the admin, asking for its name and "
        "password in the admin's default language (or reading DJANGO_SUPERUSER_USERNAME, "
        "DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD)."
    )
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        self.stdin = options.get("stdin", sys.stdin)
        self.users = get_user_model()
        with translation.override(settings.LANGUAGE_CODE):
            if all(os.environ.get(name) for name in FROM_ENVIRONMENT):
                user = self.from_environment()
            elif not (hasattr(self.stdin, "isatty") and self.stdin.isatty()):
                raise CommandError(
                    _(
                        "No account was created: there is no terminal to ask for its name "
                        "and password. Run “make superuser” in a terminal, or set "
                        "DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_EMAIL and "
                        "DJANGO_SUPERUSER_PASSWORD and run it again."
                    )
                )
            else:
                try:
                    user = self.ask()
                except (Cancelled, EOFError, KeyboardInterrupt) as cancel:
                    raise CommandError(_("Cancelled: no account was created.")) from cancel
            self.stdout.write(
                _("The account “%(name)s” was created. Sign in to the admin at /%(path)s.")
                % {"name": user.get_username(), "path": settings.ADMIN_PATH}
            )

    def from_environment(self):
        username = os.environ["DJANGO_SUPERUSER_USERNAME"]
        password = os.environ["DJANGO_SUPERUSER_PASSWORD"]
        errors = self.username_errors(username) + self.password_errors(password, username)
        if errors:
            raise CommandError(" ".join(errors))
        return self.users.objects.create_superuser(
            username, os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), password
        )

    def ask(self):
        field = self.users._meta.get_field(self.users.USERNAME_FIELD)
        username = self.ask_until_valid(
            f"{capfirst(field.verbose_name)}: ", lambda value: self.username_errors(value)
        )
        email_field = self.users._meta.get_field("email")
        optional = _("may be left empty")
        email = self.ask_until_valid(
            f"{capfirst(email_field.verbose_name)} ({optional}): ",
            lambda value: self.field_errors(email_field, value) if value else [],
        )
        while True:
            password = getpass.getpass(_("Password: "))
            if getpass.getpass(_("Password (again): ")) != password:
                self.stderr.write(_("The two passwords differ: type them again."))
                continue
            errors = self.password_errors(password, username)
            if not errors:
                break
            self.stderr.write("\n".join(errors))
        return self.users.objects.create_superuser(username, email, password)

    def ask_until_valid(self, prompt, errors_of):
        while True:
            self.stdout.write(prompt, ending="")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                raise Cancelled
            value = line.strip()
            errors = errors_of(value)
            if not errors:
                return value
            self.stderr.write("\n".join(errors))

    def username_errors(self, value):
        field = self.users._meta.get_field(self.users.USERNAME_FIELD)
        if not value:
            return [_("A name is needed.")]
        errors = self.field_errors(field, value)
        if not errors and self.users._default_manager.filter(**{field.name: value}).exists():
            errors.append(str(field.error_messages["unique"]))
        return errors

    def field_errors(self, field, value):
        try:
            field.clean(value, None)
        except ValidationError as error:
            return list(error.messages)
        return []

    def password_errors(self, password, username):
        if not password.strip():
            return [_("A password is needed.")]
        try:
            validate_password(password, self.users(**{self.users.USERNAME_FIELD: username}))
        except ValidationError as error:
            return list(error.messages)
        return []
