"""The organisation's details the site starts with, from its own contact page; staff
keep them up to date in the admin."""

import datetime

from content.models import Organisation
from content.seeding import create_once

ORGANISATION = {
    "name": "City Mine(d)",
    "street_nl": "Zaterdagplein 13",
    "street_fr": "Place du Samedi 13",
    "street_en": "Place du Samedi 13",
    "postal_code": "1000",
    "locality_nl": "Brussel",
    "locality_fr": "Bruxelles",
    "locality_en": "Brussels",
    "country": "BE",
    "email": "info@citymined.org",
    "phones": "+32 (0)2 779 59 00\n+32 485 188 331",
    "founded": datetime.date(1997, 8, 21),
    "links": "\n".join(
        [
            # Its own: a partner's (pumcollectif.org) and a project's sites (properwater.org,
            # eaupropre.org) are on their own pages, not here.
            "https://www.citymined.org/",
            "https://www.facebook.com/pages/City-Mined/188889099469",
        ]
    ),
}


def load():
    existed = Organisation.objects.exists()
    create_once("citymined.organisation", lambda: Organisation(**ORGANISATION))
    return int(not existed and Organisation.objects.exists())
