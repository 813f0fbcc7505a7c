"""The sign-in protection (django-axes) and the authenticator apps (django-otp) speak
the admin's language too (issue 21): their sections, lists and columns."""

import pytest

from tests.admin_forms import signed_in
from tests.factories import make_staff, prefer_admin_language

pytestmark = pytest.mark.django_db

SHOWN = {
    "nl": [
        "Aanmeldbeveiliging",
        "Aanmeldpogingen",
        "Aanmeldlogboek",
        "Tweestapsverificatie",
        "TOTP-apparaten",
        "Achtergrondwerk",
    ],
    "fr": [
        "Protection de la connexion",
        "Tentatives de connexion",
        "Journal des connexions",
        "Authentification à deux facteurs",
        "Appareils TOTP",
        "Travail en arrière-plan",
    ],
}
ENGLISH = [
    "Axes",
    "Otp_Totp",
    "Access attempts",
    "Access logs",
    "TOTP devices",
    "Tasks Database Backend",
    "Task Results",
]


@pytest.fixture
def administrator(site_content):
    return make_staff(
        "beheerder",
        permissions=[
            "axes.view_accessattempt",
            "axes.view_accesslog",
            "otp_totp.view_totpdevice",
            "django_tasks_database.view_dbtaskresult",
        ],
    )


@pytest.mark.parametrize("language", SHOWN)
def test_the_third_party_sections_speak_the_admins_language(administrator, language):
    prefer_admin_language(administrator, language)
    page = signed_in(administrator, language).get("/admin/").content.decode()
    for text in SHOWN[language]:
        assert text in page
    for text in ENGLISH:
        assert f">{text}<" not in page


def test_the_sign_in_attempts_list_has_dutch_columns(administrator):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        user_agent="curl",
        ip_address="192.0.2.1",
        username="iemand",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    prefer_admin_language(administrator, "nl")
    page = signed_in(administrator, "nl").get("/admin/axes/accessattempt/").content.decode()
    assert "IP-adres" in page
    assert "Mislukte aanmeldingen" in page


def test_the_device_list_explains_its_search_in_one_language(administrator):
    prefer_admin_language(administrator, "fr")
    page = signed_in(administrator, "fr").get("/admin/otp_totp/totpdevice/").content.decode()
    assert "Cherchez par le nom d’utilisateur ou l’adresse e-mail de la personne." in page
    assert "Search by" not in page
