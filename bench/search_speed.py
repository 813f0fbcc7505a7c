"""Search speed with a site-sized catalogue, on a throwaway test database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citymined \\
        DEBUG=0 SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))") \\
        .venv/bin/python -m bench.search_speed

Prints the median time of a search request (one result, a word in every text, none,
a hostile query) over 200 projects and 30 pages in three languages."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.factories import make_page, make_project  # noqa: E402

WORDS = {
    "nl": "stedelijke ontwikkeling buurten bewoners samen bouwen prototypes stad plein",
    "fr": "développement urbain quartiers habitants ensemble construire prototypes ville place",
    "en": "urban development neighbourhoods residents together build prototypes city square",
}


def text(code, number, words=300):
    vocabulary = WORDS[code].split()
    body = " ".join(vocabulary[(number + i) % len(vocabulary)] for i in range(words))
    return f"<p>{body} code{number}</p>"


def fill():
    for number in range(200):
        fields = {}
        for code in WORDS:
            fields |= {
                f"title_{code}": f"Project {number} {WORDS[code].split()[number % 9]}",
                f"slug_{code}": f"project-{code}-{number}",
                f"teaser_{code}": WORDS[code][:120],
                f"body_{code}": text(code, number),
            }
        make_project(start_year=2000, **fields)
    for number in range(30):
        fields = {}
        for code in WORDS:
            fields |= {
                f"title_{code}": f"Page {number}",
                f"slug_{code}": f"page-{code}-{number}",
                f"body_{code}": text(code, number, 600),
            }
        # In the menu, as before the factories: timings stay comparable.
        make_page(show_in_menu=True, **fields)


def median_ms(client, path, query, runs=30):
    client.get(path, {"q": query})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert client.get(path, {"q": query}).status_code == 200
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        fill()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would have on a live site
        client = Client()
        print(f"database: {connection.vendor}, 200 projects + 30 pages in 3 languages")
        for label, path, query in [
            ("one result (nl)", "/nl/zoeken/", "code42"),
            ("many results (nl)", "/nl/zoeken/", "buurten"),
            ("many results (fr, accents)", "/fr/recherche/", "developpement urbain"),
            ("no results (en)", "/en/search/", "xyzzy"),
            ("hostile query", "/en/search/", "' OR 1=1 -- <script> & | !"),
        ]:
            print(f"{label:30} {median_ms(client, path, query):7.1f} ms median")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
