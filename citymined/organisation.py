"""Facts about the organisation that the site states in several places (footer,
About page, structured data). One copy, so they never disagree."""

from django.utils.translation import get_language

NAME = "City Mine(d)"
EMAIL = "info@citymined.org"
PHONES = [("+3227795900", "+32 (0)2 779 59 00"), ("+32485188331", "+32 485 188 331")]
FOUNDED = "1997-08-21"
ADDRESSES = {
    "nl": {"street": "Zaterdagplein 13", "postal_code": "1000", "locality": "Brussel"},
    "fr": {"street": "Place du Samedi 13", "postal_code": "1000", "locality": "Bruxelles"},
    "en": {"street": "Place du Samedi 13", "postal_code": "1000", "locality": "Brussels"},
}
COUNTRY = "BE"
OTHER_SITES = [
    "https://www.citymined.org/",
    "https://www.pumcollectif.org/",
    "https://properwater.org/",
    "https://eaupropre.org/",
    "https://www.facebook.com/pages/City-Mined/188889099469",
]


def address(language=None):
    return ADDRESSES.get(language or get_language(), ADDRESSES["en"])
