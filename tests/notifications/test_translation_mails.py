"""Staff hear of translations by e-mail, sent by the background worker through a real
SMTP server: a translator gets a daily digest of the sources they translated that
changed (each item once), an editor a mail when a translation of what they edited
arrives; in each one's admin language, with links to the translate screens."""

import email
from email import policy
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from notifications.models import Mail
from projects.models import Project
from staff.models import StaffProfile
from tests.factories import (
    LANGUAGES,
    make_editor,
    make_project,
    make_translator,
    prefer_admin_language,
)
from tests.resilience.servers import free_port
from tests.translations.test_translate_view import post
from translations.status import record_translations

SOURCE, TARGET, OTHER = LANGUAGES[:3]
SITE_URL = "https://www.example.org"


class Inbox:
    """What the SMTP server received: (recipients, message) for each mail."""

    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name.
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.mails.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    """An SMTP server of the test's own, which the site sends its mail to."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {"default": mailer(controller.port)}
    settings.SITE_URL = SITE_URL
    yield inbox
    controller.stop()


def mailer(port):
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
    }


def text_and_html(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


@pytest.fixture
def translated(db):
    """A project translated into TARGET by a translator who reads the admin in TARGET."""
    translator = make_translator(TARGET)
    prefer_admin_language(translator, TARGET)
    project = make_project()
    record_translations(project, {TARGET: ["title", "teaser", "body"]}, user=translator)
    return project, translator


def change_source(project, times=1):
    for number in range(times):
        setattr(project, f"teaser_{SOURCE}", f"Een nieuwe teaser, versie {number}")
        project.save()


def send_digests(django_capture_on_commit_callbacks, background_worker):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_translation_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    background_worker()


def test_a_translator_gets_one_digest_listing_a_changed_item_once(
    smtp, translated, background_worker, django_capture_on_commit_callbacks
):
    project, translator = translated
    change_source(project, times=3)
    background_worker()
    assert smtp.mails == []  # Not one mail per save: the digest waits for its hour.

    send_digests(django_capture_on_commit_callbacks, background_worker)

    assert len(smtp.mails) == 1
    recipients, message = smtp.mails[0]
    assert recipients == [translator.email]
    assert message["Content-Language"] == TARGET
    assert "changé" in message["Subject"]  # French, the translator's admin language.
    text, html = text_and_html(message)
    link = SITE_URL + reverse("admin:translate", args=["projects", "project", project.pk, TARGET])
    # Named as the translator reads it, in their language; once, though saved three times.
    assert text.count(getattr(project, f"title_{TARGET}")) == 1
    assert text.count(link) == 1
    assert f'href="{link}"' in html
    with translation.override(TARGET):  # The language and the field, named in French.
        assert f"{dict(settings.LANGUAGES)[TARGET]}: " in text
        assert str(Project._meta.get_field("teaser").verbose_name) in text

    send_digests(django_capture_on_commit_callbacks, background_worker)
    assert len(smtp.mails) == 1  # Nothing new: nothing sent twice.
    assert Mail.objects.get().address == translator.email


def test_no_digest_for_staff_who_turned_mail_off_in_their_preferences(
    smtp, client, translated, background_worker, django_capture_on_commit_callbacks
):
    project, translator = translated
    client.force_login(translator)
    response = client.post(
        reverse("admin:preferences"), {"admin_language": TARGET, "email_notifications": ""}
    )
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=translator).email_notifications is False
    change_source(project)
    send_digests(django_capture_on_commit_callbacks, background_worker)
    assert smtp.mails == []


def test_a_digest_the_server_refused_goes_out_once_at_the_next_run(
    smtp, settings, translated, background_worker, django_capture_on_commit_callbacks
):
    """A worker that failed or stopped loses no mail: it stays unsent, and the next run
    sends it, once."""
    project, translator = translated
    change_source(project)
    working = settings.MAILERS
    settings.MAILERS = {"default": mailer(free_port())}  # Nobody listens there.
    send_digests(django_capture_on_commit_callbacks, background_worker)
    assert smtp.mails == []
    assert Mail.objects.get().sent_at is None

    settings.MAILERS = working
    send_digests(django_capture_on_commit_callbacks, background_worker)
    send_digests(django_capture_on_commit_callbacks, background_worker)
    assert [recipients for recipients, _message in smtp.mails] == [[translator.email]]


def test_the_editor_hears_when_a_translation_arrives(
    smtp, client, background_worker, django_capture_on_commit_callbacks
):
    editor = make_editor()
    project = make_project(languages=[SOURCE])
    with reversion.create_revision():
        reversion.set_user(editor)
        project.save()
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, project, **{f"title_{TARGET}": "La fabrique de quartier"})
    assert response.status_code == 302
    assert smtp.mails == []  # Not in the request: the worker sends it.
    background_worker()

    assert len(smtp.mails) == 1
    recipients, message = smtp.mails[0]
    assert recipients == [editor.email]
    assert message["Content-Language"] == SOURCE  # The site's default admin language.
    text, html = text_and_html(message)
    assert "traductrice" in text
    link = SITE_URL + reverse("admin:translate", args=["projects", "project", project.pk, TARGET])
    assert link in text
    assert f'href="{link}"' in html


def test_nobody_hears_of_their_own_translation(
    smtp, admin_client, background_worker, django_capture_on_commit_callbacks
):
    project = make_project(languages=[SOURCE])
    with django_capture_on_commit_callbacks(execute=True):
        post(admin_client, project, **{f"title_{TARGET}": "La fabrique de quartier"})
    background_worker()
    assert smtp.mails == []


def test_the_deployment_runs_the_digest_every_day():
    """deploy/systemd's timer starts the command that queues the digests, daily, and
    catches up on a run missed while the machine was off."""
    units = Path(__file__).parents[2] / "deploy" / "systemd"
    service = (units / "citymined-digest.service").read_text()
    timer = (units / "citymined-digest.timer").read_text()
    assert "manage.py send_translation_digests" in service
    assert "OnCalendar=*-*-* 07:00:00" in timer
    assert "Persistent=true" in timer
