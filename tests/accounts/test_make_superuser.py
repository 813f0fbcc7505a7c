"""`make superuser` speaks the admin's default language from start to end, and without
a terminal says what to do instead of "Superuser creation skipped" (issue 21)."""

import getpass
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


class Terminal(StringIO):
    """What someone types at a terminal."""

    def isatty(self):
        return True


def test_make_superuser_runs_the_command_that_asks_in_the_admins_language():
    target = re.search(r"^superuser:.*?(?=^\S)", MAKEFILE.read_text(), re.M | re.S).group(0)
    assert "create_admin_account" in target


def test_without_a_terminal_it_says_what_to_do_and_creates_nothing(settings):
    with pytest.raises(CommandError) as refusal:
        call_command("create_admin_account", stdin=StringIO(""), stdout=StringIO())
    message = str(refusal.value)
    assert settings.LANGUAGE_CODE == "nl"
    assert message.startswith("Er is geen account aangemaakt")
    assert "make superuser" in message
    assert "DJANGO_SUPERUSER_PASSWORD" in message
    assert not get_user_model().objects.exists()


def test_at_a_terminal_every_prompt_and_error_is_in_dutch(monkeypatch):
    passwords = iter(["kort", "kort", "een-lang-wachtwoord-7", "een-lang-wachtwoord-7"])
    asked = []

    def typed(prompt):
        asked.append(prompt)
        return next(passwords)

    monkeypatch.setattr(getpass, "getpass", typed)
    out, err = StringIO(), StringIO()
    with translation.override("en"):  # whatever the shell's language, the admin's
        call_command(
            "create_admin_account",
            stdin=Terminal("\nbeheerder\nbeheer@example.org\n"),
            stdout=out,
            stderr=err,
        )
    assert "Gebruikersnaam: " in out.getvalue()
    assert "E-mailadres (mag leeg blijven): " in out.getvalue()
    assert asked == ["Wachtwoord: ", "Wachtwoord (nogmaals): "] * 2
    assert "Er is een naam nodig." in err.getvalue()
    assert "Dit wachtwoord is te kort" in err.getvalue()
    assert "leave blank" not in out.getvalue() + err.getvalue()
    assert "Het account “beheerder” is aangemaakt." in out.getvalue()
    user = get_user_model().objects.get(username="beheerder")
    assert user.is_superuser and user.check_password("een-lang-wachtwoord-7")


def test_the_environment_can_give_the_account(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "robot")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-lang-wachtwoord-7")
    call_command("create_admin_account", stdin=StringIO(""), stdout=StringIO())
    assert get_user_model().objects.get(username="robot").is_superuser
