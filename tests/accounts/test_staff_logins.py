"""Staff accounts resist password guessing: a lockout per account and address, and per
address across accounts, that another admin can lift, an address behind a proxy that a
client cannot forge, and a second factor (TOTP) staff can enrol."""

import importlib
import time
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(password, address="203.0.113.7", token="", username="editor"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    data = {"username": username, "password": password, "otp_token": token, "next": "/admin/"}
    return client, client.post("/admin/login/", data)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_repeated_wrong_passwords_lock_the_account_from_that_address(editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in("wrong")[1].status_code == 200
    locked = log_in("wrong")[1]
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert log_in(PASSWORD)[1].status_code == 429  # even the right password, for now
    assert logged_in(log_in(PASSWORD, address="198.51.100.9")[1])  # another address


def test_another_admin_unlocks_the_account(editor, admin_client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in("wrong")
    attempt = AccessAttempt.objects.get(username="editor")
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert logged_in(log_in(PASSWORD)[1])


def enrolment_link(username):
    output = StringIO()
    call_command("totp_enrolment_link", username, "--base-url=", stdout=output)
    return output.getvalue().splitlines()[0]


def test_staff_enrol_an_authenticator_app_and_then_need_its_code(editor):
    client = Client()
    client.force_login(editor)
    link = enrolment_link("editor")
    with translation.override("en"):
        page = client.get(link).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post(link, {"token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed

    assert not logged_in(log_in(PASSWORD)[1])  # a password alone no longer does
    device.refresh_from_db()
    device.last_t = -1  # the code just used may be used again in this test
    device.throttle_reset()
    assert logged_in(log_in(PASSWORD, token=current_code(device))[1])


def test_the_password_alone_enrols_no_authenticator_app(admin_user, settings):
    """Whoever learnt a superuser's password cannot tie the account to their own app."""
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    client, response = log_in("password", username="admin")
    assert response.status_code == 302
    page = client.get(reverse("admin:two_factor"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "you need a one-time enrolment link" in html
    assert "data:image/svg+xml" not in html and "<form" not in html.split("content-main")[1]
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    # Nor can a made-up link, nor can the superuser make one for themselves.
    forged = reverse("admin:two_factor_enrol", args=["forged:token"])
    assert "This enrolment link does not work" in client.get(forged).content.decode()
    assert client.get("/admin/auth/user/").status_code == 302  # to the enrolment page


def test_another_superuser_makes_a_one_time_enrolment_link(admin_user, django_user_model):
    colleague = django_user_model.objects.create_superuser("colleague", password=PASSWORD)
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(colleague)
    made = other.post(
        "/admin/auth/user/",
        {"action": "make_enrolment_link", "_selected_action": [admin_user.pk, colleague.pk]},
        follow=True,
    )
    messages = [str(message) for message in made.context["messages"]]
    assert "You cannot make an enrolment link for yourself" in " ".join(messages)
    (made_message,) = [message for message in messages if "Enrolment link for admin" in message]
    link = made_message.split(": ", 1)[1].split(" (", 1)[0].removeprefix("http://testserver")

    owner = Client(HTTP_ACCEPT_LANGUAGE="en")
    owner.force_login(admin_user)
    # Only its owner opens it.
    assert other.get(link).status_code == 400
    assert owner.get(link).status_code == 200
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    wrong = owner.post(link, {"token": "000000" if current_code(device) != "000000" else "1"})
    assert "That code is not the one the app shows now." in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code delays the next try
    assert owner.post(link, {"token": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # Once used, it opens nothing: the enrolled app cannot be swapped for another.
    assert owner.get(link).status_code == 400
    assert TOTPDevice.objects.filter(user=admin_user).count() == 1


def test_a_new_link_voids_the_earlier_one(editor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(editor)
    first = enrolment_link("editor")
    second = enrolment_link("editor")
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200


def test_an_enrolment_link_expires(editor, monkeypatch):
    link = enrolment_link("editor")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(editor)
    later = time.time() + two_factor.LINK_SECONDS + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(link).status_code == 400


def test_no_link_for_an_enrolled_account_or_a_stranger(editor):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    with pytest.raises(CommandError, match="already has an authenticator app"):
        enrolment_link("editor")
    with pytest.raises(CommandError, match="No staff account"):
        enrolment_link("nobody")


def test_wrong_codes_count_towards_the_lockout(editor, settings):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(PASSWORD, token="000000" if current_code(device) != "000000" else "111111")
    assert log_in(PASSWORD, token=current_code(device))[1].status_code == 429


def test_superusers_must_enrol_when_the_setting_says_so(admin_user, settings):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("admin:two_factor")
    assert client.get(reverse("admin:two_factor")).status_code == 200
    settings.OTP_REQUIRED_FOR_SUPERUSERS = False
    assert client.get("/admin/").status_code == 200


def test_the_admin_path_comes_from_the_environment(settings, client):
    import citymined.urls

    settings.ADMIN_PATH = "backstage-7f3k/"
    try:
        importlib.reload(citymined.urls)
        clear_url_caches()
        assert reverse("admin:index") == "/backstage-7f3k/"
        assert client.get("/backstage-7f3k/login/").status_code == 200
        assert client.get("/admin/login/").status_code == 404
        assert "backstage" not in client.get("/robots.txt").content.decode()
    finally:
        settings.ADMIN_PATH = "admin/"
        importlib.reload(citymined.urls)
        clear_url_caches()


def test_one_password_sprayed_over_many_accounts_locks_the_address(editor, settings):
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        assert log_in("Summer2026!", username=f"someone-{number}")[1].status_code == 200
    # Logging in to an account of one's own does not start the count again.
    assert logged_in(log_in(PASSWORD)[1])
    assert log_in("Summer2026!", username="someone-last")[1].status_code == 429
    assert log_in(PASSWORD)[1].status_code == 429  # every account, from that address
    assert logged_in(log_in(PASSWORD, address="198.51.100.9")[1])


def test_a_few_mistakes_by_colleagues_behind_one_address_lock_nobody(editor, settings):
    for number in range(3):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in("wrong", username=f"colleague-{number}")
    assert logged_in(log_in(PASSWORD)[1])


def forwarded(address, forwarded_for, username="editor", password="wrong"):
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded_for)
    data = {"username": username, "password": password, "otp_token": "", "next": "/admin/"}
    return client.post("/admin/login/", data)


def test_a_forged_forwarded_address_does_not_escape_the_lockout(editor, settings):
    settings.USE_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = 1
    # Straight to the application server, rotating the header: the connection counts.
    for number in range(settings.AXES_FAILURE_LIMIT):
        forwarded("203.0.113.7", f"192.0.2.{number}")
    assert forwarded("203.0.113.7", "192.0.2.200", password=PASSWORD).status_code == 429
    # Through the proxy, whatever the client put before the proxy's own entry.
    for number in range(settings.AXES_FAILURE_LIMIT):
        forwarded("127.0.0.1", f"192.0.2.{number}, 198.51.100.20")
    assert forwarded("127.0.0.1", "198.51.100.20", password=PASSWORD).status_code == 429
    assert forwarded("127.0.0.1", "198.51.100.21", password=PASSWORD).status_code == 302


def test_check_refuses_forwarded_addresses_without_a_proxy_count(settings):
    from django.core import checks

    settings.USE_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = 0
    assert "staff.E001" in [error.id for error in checks.run_checks()]
    settings.TRUSTED_PROXY_COUNT = 1
    assert "staff.E001" not in [error.id for error in checks.run_checks()]
