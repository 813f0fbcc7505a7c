"""How long the translations dashboard and the lists' translation filters take at scale,
beside a floor measured in the same run. On demand, never in `make test`:

    .venv/bin/python -m bench.translation_dashboard                 # 12,000 projects, SQLite
    .venv/bin/python -m bench.translation_dashboard --projects 1200
    .venv/bin/python -m bench.translation_dashboard --postgres postgres://postgres@127.0.0.1:5432/x

It builds a fresh database in a temporary folder (the initial content, then
`manage.py seed_projects N`: about a minute for 12,000), then, in a second process on
that database with DEBUG off as in production, logs a superuser in with Django's test
client and times each address: `--rounds` rounds of `--requests` requests each, the
median of each round, and the median and spread of those. Before that, since
seed_projects writes without signals, the projects' stored translation counts (what
the dashboard adds up) are worked out once, in a process of their own, and timed; the
first request of the measuring process is timed apart (it loads the admin).

The floors go through the same client, middleware and login: /healthz (Django and
nothing else) and the admin's index (the admin's template, session and menus without
any translation status). The dashboard's own cost is its figure minus the index's.
The machine is shared: compare figures of one run only; the load average is printed.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import bench_environment, fresh_postgres_database, load_average, log, manage

ROOT = Path(__file__).resolve().parent.parent

# (label, address) with the admin at /admin/, as bench_environment leaves it.
FLOORS = [("floor: /healthz", "/healthz"), ("floor: admin index", "/admin/")]
WORK_OUT_COUNTS = (
    "from translations.status import ensure_status_counts, translated_models\n"
    "for model in translated_models(): ensure_status_counts(model)"
)
PAGES = [
    ("dashboard", "/admin/translations/"),
    ("projects list", "/admin/projects/project/"),
    ("projects missing in fr", "/admin/projects/project/?missing=fr"),
    ("projects out of date in fr", "/admin/projects/project/?stale=fr"),
    ("projects missing in en", "/admin/projects/project/?missing=en"),
]


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=12000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--postgres", help="a PostgreSQL server's URL (a database name ends it)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    options = parse_options()
    if options.measure:
        measure(options)
        return
    out = Path(tempfile.mkdtemp(prefix="citymined-dashboard-bench-"))
    if options.postgres:
        database = fresh_postgres_database(options.postgres, f"dashboard_{options.projects}")
    else:
        database = f"sqlite:///{out / 'db.sqlite3'}"
    env = bench_environment(out, database)
    log("migrating, collecting static files, initial content")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_initial_data")
    log(f"seeding {options.projects} projects")
    manage(env, "seed_projects", str(options.projects), capture=False)
    # seed_projects writes without signals: the first reader of the counts works them
    # out, once (a live site's items have theirs from their saves).
    started = time.perf_counter()
    manage(env, "shell", "-c", WORK_OUT_COUNTS)
    log(f"the seeded projects' counts worked out in {time.perf_counter() - started:.0f} s")
    if options.postgres:
        # The rows just written, measured and marked visible, as autovacuum does on a
        # live site within a minute of such a burst.
        subprocess.run(["psql", database, "-qc", "VACUUM ANALYZE"], check=True)
    command = [sys.executable, "-m", "bench.translation_dashboard", "--measure"]
    command += ["--rounds", str(options.rounds), "--requests", str(options.requests)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def measure(options):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from projects.models import Project

    user = get_user_model().objects.filter(username="bench").first()
    user = user or get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    print(
        f"{Project.objects.count()} projects, {connection.vendor}, "
        f"load average {' '.join(load_average())}"
    )
    started = time.perf_counter()
    get(client, PAGES[0][1])
    print(f"first dashboard (a fresh process): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'address':32} {'median':>9} {'rounds: min-max':>18}")
    for label, address in FLOORS + PAGES:
        rounds = [round_median(client, address, options.requests) for _ in range(options.rounds)]
        print(
            f"{label:32} {statistics.median(rounds):7.1f} ms "
            f"{min(rounds):8.1f}-{max(rounds):.1f} ms"
        )
    print(f"load average at the end {' '.join(load_average())}")


def get(client, address):
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return response


def round_median(client, address, requests):
    get(client, address)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        get(client, address)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    main()
