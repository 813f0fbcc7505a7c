from datetime import timedelta

import pytest
from django.utils import timezone

from pages.models import Page
from projects.models import Project

PROJECT_TEXT = {
    "nl": {
        "title": "Buurtfabriek",
        "slug": "buurtfabriek",
        "teaser": "Een werkplaats voor de buurten van Brussel.",
        "body": "<p>Bewoners bouwen samen aan hun buurten.</p>",
    },
    "fr": {
        "title": "Fabrique de quartier",
        "slug": "fabrique-de-quartier",
        "teaser": "Un atelier pour les quartiers de Bruxelles.",
        "body": "<p>Les habitants imaginent ensemble le développement de leurs quartiers.</p>",
    },
    "en": {
        "title": "Neighbourhood factory",
        "slug": "neighbourhood-factory",
        "teaser": "A workshop for the neighbourhoods of Brussels.",
        "body": "<p>Residents build their neighbourhoods together.</p>",
    },
}

PAGE_TEXT = {
    "nl": {
        "title": "Pers",
        "slug": "pers",
        "description": "Foto's en teksten voor journalisten.",
        "body": "<p>Journalisten vinden hier onze persberichten.</p>",
    },
    "fr": {
        "title": "Presse",
        "slug": "presse",
        "description": "Photos et textes pour les journalistes.",
        "body": "<p>Les journalistes trouvent ici nos communiqués.</p>",
    },
    "en": {
        "title": "Press",
        "slug": "press",
        "description": "Photos and texts for journalists.",
        "body": "<p>Journalists find our press releases here.</p>",
    },
}


def translated_fields(text, languages, suffix=""):
    fields = {}
    for code in languages:
        for field, value in text[code].items():
            fields[f"{field}_{code}"] = value + (f"-{suffix}" if field == "slug" and suffix else "")
    return fields


@pytest.fixture
def make_project(db):
    def make(languages=("nl", "fr", "en"), suffix="", **extra):
        fields = translated_fields(PROJECT_TEXT, languages, suffix)
        fields.update({"status": Project.Status.PUBLISHED, **extra})
        return Project.objects.create(start_year=2019, **fields)

    return make


@pytest.fixture
def make_page(db):
    def make(languages=("nl", "fr", "en"), suffix="", **extra):
        fields = translated_fields(PAGE_TEXT, languages, suffix)
        fields.update({"status": Page.Status.PUBLISHED, **extra})
        return Page.objects.create(show_in_menu=False, **fields)

    return make


@pytest.fixture
def tomorrow():
    return timezone.now() + timedelta(days=1)
