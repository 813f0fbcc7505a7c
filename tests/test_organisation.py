"""Staff keep the organisation's details up to date in one admin screen, and every page
shows them in its own language."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from content.models import Organisation
from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db

KNOWN_STREETS = {"nl": "Nieuwstraat 1", "fr": "Rue Neuve 1", "en": "Rue Neuve 1 (New Street)"}
STREETS = {code: KNOWN_STREETS.get(code, f"Rue Neuve 1 ({code})") for code in LANGUAGES}


def test_the_admin_list_opens_the_one_screen_of_details(admin_client, site_content):
    response = admin_client.get("/admin/content/organisation/")
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/content/organisation/{organisation.pk}/change/"


def test_details_edited_in_the_admin_show_in_every_languages_footer(
    admin_client, client, site_content
):
    organisation = Organisation.objects.get()
    data = {
        "name": "City Mine(d)",
        "founded": "1997-08-21",
        "postal_code": "1000",
        "country": "BE",
        "email": "hello@citymined.org",
        "phones": "+32 (0)2 000 00 00",
        "links": "https://www.citymined.org/",
        **{f"street_{code}": street for code, street in STREETS.items()},
        **{f"locality_{code}": "Brussel" for code in LANGUAGES},
    }
    response = admin_client.post(f"/admin/content/organisation/{organisation.pk}/change/", data)
    assert response.status_code == 302
    for code, _name in settings.LANGUAGES:
        footer = client.get(f"/{code}/").content.decode().split('<footer class="site-footer">')[1]
        assert STREETS[code] in footer
        assert 'href="mailto:hello@citymined.org"' in footer
        assert '<a href="tel:+3220000000">+32 (0)2 000 00 00</a>' in footer


def test_a_link_that_is_not_a_web_address_is_refused(admin_client, site_content):
    organisation = Organisation.objects.get()
    organisation.links = "javascript:alert(1)"
    with translation.override("en"), pytest.raises(ValidationError, match="Enter a valid URL"):
        organisation.full_clean()


def test_another_organisations_site_is_refused_among_its_own_links(admin_client, site_content):
    """The links are what search engines read as the organisation itself: a partner's
    home page is refused with a message that says where it belongs."""
    organisation = Organisation.objects.get()
    data = {
        "name": "City Mine(d)",
        "country": "BE",
        "email": "info@citymined.org",
        "links": "https://www.citymined.org/\nhttps://www.pumcollectif.org/",
        **{f"street_{code}": street for code, street in STREETS.items()},
        **{f"locality_{code}": "Brussel" for code in LANGUAGES},
    }
    url = f"/admin/content/organisation/{organisation.pk}/change/"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Other sites, not the organisation&#x27;s own: https://www.pumcollectif.org/. "
        "List here only its sites on citymined.org"
    ) in response.content.decode()
    data["links"] = "\n".join(
        [
            "https://www.citymined.org/",
            "https://lab.citymined.org/",
            "https://www.facebook.com/pages/City-Mined/188889099469",
            "https://www.wikidata.org/wiki/Q123",
        ]
    )
    assert admin_client.post(url, data).status_code == 302
