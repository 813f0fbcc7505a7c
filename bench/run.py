"""The site's benchmark: run on demand, never in `make test`.

    .venv/bin/python -m bench.run                          # SQLite, 12 and 1,200 projects
    .venv/bin/python -m bench.run --page-cache-seconds 0   # every page rendered afresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citymined_bench .venv/bin/python -m bench.run

For each size it builds a fresh database, serves it with gunicorn as production does
(DEBUG off, WhiteNoise, 2 workers) and prints, per page: the database queries one
request runs when rendered, the compressed size of its HTML, and throughput and
latency measured with wrk (`apt-get install wrk`). The last column compares each
page's throughput at the large size with the small one: near 1.0 means the page does
not slow down as content grows. Compare figures from one run only: wrk and the server
share this machine's CPU.
"""

import argparse
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8097
PAGES = [
    "/nl/",
    "/fr/a-propos/",
    "/en/projects/",
    "/nl/projecten/?theme=environment",
    "{project}",
    "{supporters}",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 1200])
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--page-cache-seconds",
        default="300",
        help="PAGE_CACHE_SECONDS for the server; 0 measures every page rendered afresh",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")

    results = {}
    for size in options.sizes:
        with tempfile.TemporaryDirectory(prefix="citymined-bench-") as folder:
            env = bench_environment(Path(folder), size)
            env["PAGE_CACHE_SECONDS"] = options.page_cache_seconds
            prepare(env, size)
            results[size] = measure(env, options)
    print(f"\nPAGE_CACHE_SECONDS={options.page_cache_seconds}")
    report(results, options.sizes)


def bench_environment(folder, size):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-key-never-used-in-production-0123456789abcdef",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def prepare(env, size):
    if env["DATABASE_URL"].startswith("postgres"):
        manage(env, "flush", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_initial_data")
    # The tests' own factory, spread over the initial content's first city, theme and
    # funder: the same projects tests/projects/test_query_counts.py counts queries with.
    script = (
        "import django, sys; django.setup()\n"
        "from projects.models import City, Partner, Theme\n"
        "from tests.factories import make_projects\n"
        "make_projects(\n"
        "    int(sys.argv[1]),\n"
        "    cities=City.objects.all()[:1],\n"
        "    themes=Theme.objects.all()[:1],\n"
        "    funder=Partner.objects.filter(kind=Partner.Kind.FUNDER).first(),\n"
        ")\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(size)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "citymined.settings"},
        check=True,
    )


def measure(env, options):
    urls = resolve_pages(env)
    queries = count_queries(env, urls)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "citymined.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_server()
        figures = {}
        for url in urls:
            size = compressed_size(url)
            wrk(url, 1, options.connections)  # warm up caches and connections
            rps, latency = wrk(url, options.seconds, options.connections)
            figures[url] = (queries[url], size, rps, latency)
        return figures
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def resolve_pages(env):
    """Fill in the addresses that depend on content (a project, the supporters page)."""
    script = (
        "import django; django.setup()\n"
        "from django.urls import reverse, NoReverseMatch\n"
        "from django.utils import translation\n"
        "from projects.models import Project\n"
        "translation.activate('en')\n"
        "print(Project.objects.published().filter(slug_en='la-pile').first()"
        ".get_absolute_url())\n"
        "try: print(reverse('supporters'))\n"
        "except NoReverseMatch: print('')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "citymined.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    project, supporters = out[0], out[1]
    return [
        p.format(project=project, supporters=supporters)
        for p in PAGES
        if p.format(project=project, supporters=supporters)
    ]


def count_queries(env, urls):
    script = (
        "import django, sys; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "for url in sys.argv[1:]:\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        status = client.get(url).status_code\n"
        "    assert status == 200, (url, status)\n"
        "    print(len(ctx.captured_queries))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *urls],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "citymined.settings",
            "ALLOWED_HOSTS": "testserver",
            "PAGE_CACHE_SECONDS": "0",  # count what rendering a page costs
        },
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return dict(zip(urls, map(int, out), strict=True))


def wait_for_server():
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/nl/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def compressed_size(url):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}") as response:
        return len(gzip.compress(response.read()))


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{PORT}{url}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+([\d.]+\w+)", out).group(1)
    return rps, latency


def report(results, sizes):
    small, large = sizes[0], sizes[-1]
    print()
    print(
        f"{'page':40} {'projects':>8} {'queries':>7} {'HTML gz':>8} {'req/s':>8} "
        f"{'latency':>8} {'req/s ratio':>11}"
    )
    for size in sizes:
        for url, (queries, html, rps, latency) in results[size].items():
            base = results[small].get(url)
            ratio = f"{rps / base[2]:.2f}" if base and size == large and size != small else ""
            print(
                f"{url[:40]:40} {size:>8} {queries:>7} {html / 1024:>7.1f}K {rps:>8.0f} "
                f"{latency:>8} {ratio:>11}"
            )


if __name__ == "__main__":
    main()
