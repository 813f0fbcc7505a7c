"""The site's benchmark: run on demand, never in `make test`. One command runs it all:

    .venv/bin/python -m bench.run            # about 30 minutes on 2 cores (see below)
    CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python -m bench.run   # as production
    .venv/bin/python -m bench.run --quick    # 12 projects, 2 s per page, no peer: ~3 min

For each size (12, 1,200 and 12,000 projects) it builds a fresh SQLite database (the
initial content plus `manage.py seed_projects N`), counts the queries each page runs
when drawn afresh, then serves the site with gunicorn as production does (DEBUG off,
WhiteNoise, 2 sync workers, persistent connections) and measures every page with wrk,
drawn afresh (PAGE_CACHE_SECONDS=0) and from the page cache (CACHE_URL from the
environment, else the in-memory default), and the pages the peer has as the first
visitor after an edit finds them (bench/after_edit.py: a project's title edited, and a
change to everything, after which nothing is cached). In the same run
it measures a bare WSGI app under the same gunicorn (the floor, bench/floor.py) and the
Wagtail peer of ../shared/peers/wagtail (its own bench.sh, same wrk settings, results in the output
folder), then a soak: 60 s at 64 connections through nginx (deploy/'s configuration)
and again directly against gunicorn, over a mix of pages, reporting errors and the
growth of the workers' memory.

It writes docs/benchmark.md (the table: requests/s, latency, queries, the ratios to the
peer and to the floor, the soak) and docs/benchmark.svg (the chart), plus the raw wrk
output in the output folder (--out, default a new temporary folder).

Duration: seeding 12,000 projects takes about a minute; each page is measured for
--seconds (10) after a 2 s warm-up, 14 pages x 2 modes x 3 sizes: about 24 minutes;
the peer about 6 minutes for 12 and 1,200 (its 12,000 would take far longer to seed:
--peer-sizes 12 1200 12000 if you have the time); the soak 2 minutes. Compare figures
from one run only: wrk and the server share the machine's CPU. The load average at the
start and end is recorded.
"""

import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.resilience.servers import Nginx, free_port

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peers" / "wagtail"
DOCS = ROOT / "docs"
PORT = 8097
FLOOR_PORT = 8098
PEER_PORT = 8099
WORKERS = 2

# (label, address): every kind of public page, in each language. `{project}` is filled
# in per language. The first five have a counterpart in the peer (PEER_PAGES).
PAGES = [
    ("home", "/en/"),
    ("page", "/en/about/"),
    ("projects list", "/en/projects/"),
    ("project", "{project_en}"),
    ("supporters", "/en/supporters/"),
    ("home (nl)", "/nl/"),
    ("page (fr)", "/fr/a-propos/"),
    ("list, filtered (nl)", "/nl/projecten/?theme=environment&period=ongoing"),
    ("list, page 2 (fr)", "/fr/projets/?page=2"),
    ("project (fr)", "{project_fr}"),
    ("search (en)", "/en/search/?q=neighbourhood"),
    ("feed (fr)", "/fr/projets/feed.atom"),
    ("sitemap index", "/sitemap.xml"),
    ("sitemap, projects", "/sitemap-projects.xml"),
    # As many news items and events as projects (seed_news, seed_events).
    ("news list", "/en/news/"),
    ("upcoming events", "/en/events/"),
    ("event", "/en/events/sample-event-0-en/"),
    ("events feed (nl)", "/nl/agenda/feed.ics"),
]
PEER_PAGES = {
    "home": "/en/",
    "page": "/en/about/",
    "projects list": "/en/projects/",
    "project": "/en/projects/project-0001/",
    "supporters": "/en/supporters/",
    "floor": "/floor/",
}
# How each mode serves the site: its WSGI app and settings. "after an edit": every
# request comes right after an edit every list shows (a project's title); "after
# everything changed": after a change that names no table (bench/after_edit.py). Both
# measured on the pages the peer has.
MODES = {
    "afresh": ("citymined.wsgi", {"PAGE_CACHE_SECONDS": "0"}),
    "cached": ("citymined.wsgi", {"PAGE_CACHE_SECONDS": "300"}),
    "after an edit": ("bench.after_edit", {}),
    "after everything changed": ("bench.after_edit:after_everything", {}),
}
AFTER_CHANGES = ("after an edit", "after everything changed")
INVALIDATE = "from caching.version import invalidate; invalidate()"


def main():
    options = parse_options()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    out = Path(options.out or tempfile.mkdtemp(prefix="citymined-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    run = {"load_before": load_average(), "sizes": {}, "options": vars(options)}
    run["cache"] = os.environ.get("CACHE_URL") or "the in-memory default"
    run["database"] = "PostgreSQL" if options.postgres else "SQLite"
    template = out / "template.sqlite3"
    if not options.postgres:
        prepare_template(bench_environment(out, f"sqlite:///{template}"))
    for size in options.sizes:
        if options.postgres:
            env = bench_environment(out, fresh_postgres_database(options.postgres, size))
            prepare_template(env)
        else:
            database = out / f"db-{size}.sqlite3"
            shutil.copy(template, database)
            env = bench_environment(out, f"sqlite:///{database}")
        log(f"seeding {size} projects")
        manage(env, "seed_projects", str(size), capture=False)
        manage(env, "seed_news", str(size), capture=False)
        manage(env, "seed_events", str(size), capture=False)
        if options.postgres:
            analyze(env["DATABASE_URL"])
        run["sizes"][size] = measure_size(env, options, out, size)
        if size == options.sizes[-1] and options.soak_seconds:
            run["soak"] = soak(env, options, out)
    if options.peer_sizes:
        run["peer"] = peer(options, out)
    run["load_after"] = load_average()
    run["minutes"] = round((time.monotonic() - started) / 60, 1)
    (out / "results.json").write_text(json.dumps(run, indent=2, default=str))
    if not options.quick or options.write_docs:
        name = "benchmark-postgresql" if options.postgres else "benchmark"
        (DOCS / f"{name}.md").write_text(table(run).replace("benchmark.svg", f"{name}.svg"))
        (DOCS / f"{name}.svg").write_text(chart(run))
    print(table(run))
    log(f"done in {run['minutes']} min; raw results in {out}")


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 1200, 12000])
    parser.add_argument("--peer-sizes", type=int, nargs="*", default=[12, 1200])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=64)
    parser.add_argument("--out", help="folder for raw results (default: a new temporary one)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="measure on PostgreSQL: a server's URL (postgres://user@host:5432/any); a "
        "database per size is made there, and the peer runs on it too",
    )
    parser.add_argument("--quick", action="store_true", help="check the harness: small and short")
    parser.add_argument("--write-docs", action="store_true", help="with --quick: write docs/ too")
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.peer_sizes, options.seconds = [12], [], 2
        options.soak_seconds = min(options.soak_seconds, 10)
    return options


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


# The site


def fresh_postgres_database(server_url, size):
    """A new, empty database for `size` on the server of `server_url` (its URL)."""
    name = f"citymined_bench_{size}"
    server = server_url.rsplit("/", 1)[0]
    for command in (["dropdb", "--if-exists", "--force"], ["createdb"]):
        subprocess.run([*command, "--maintenance-db", f"{server}/postgres", name], check=True)
    return f"{server}/{name}"


def analyze(database_url):
    """The planner's statistics, as autovacuum keeps them in production: without them,
    PostgreSQL plans a table of 12,000 rows as if it held one (and this machine's server
    runs with autovacuum off)."""
    subprocess.run(["psql", database_url, "--quiet", "-c", "VACUUM ANALYZE"], check=True)


def analyzing(database_url, stop, every=5):
    """Keeps the peer's statistics as autovacuum would, while its own script seeds and
    measures it: until `stop` is set."""
    while not stop.wait(every):
        subprocess.run(["psql", database_url, "--quiet", "-c", "ANALYZE"], check=False)


def bench_environment(out, database):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-key-never-used-in-production-0123456789abcdef",
        STATIC_ROOT=str(out / "static"),
        MEDIA_ROOT=str(out / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SETTINGS_MODULE="citymined.settings",
        CONTENT_VERSION_FILE=str(out / "content-version"),
    )
    return env


def manage(env, *args, capture=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    ).stdout


def prepare_template(env):
    log("migrating a template database, collecting static files, initial content")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_initial_data")


def measure_size(env, options, out, size):
    urls = resolve_pages(env)
    queries = count_queries(env, urls)
    figures = {"queries": queries, "urls": urls}
    for mode, (app, settings) in MODES.items():
        # An edit before each mode: no mode is served what the one before cached.
        manage(env, "shell", "--no-imports", "-c", INVALIDATE)
        with gunicorn(env | settings, app, PORT):
            for label, url in urls.items():
                if mode in AFTER_CHANGES and label not in PEER_PAGES:
                    continue
                figures.setdefault(mode, {})[label] = wrk_page(
                    PORT, url, options, out / f"wrk-{size}-{slug(mode)}-{slug(label)}.txt"
                )
                log(f"{size} {mode} {label}: {figures[mode][label]['rps']:.0f} req/s")
    with gunicorn(env, "bench.floor", FLOOR_PORT):
        figures["floor"] = wrk_page(FLOOR_PORT, "/", options, out / f"wrk-{size}-floor.txt")
    log(f"{size} floor: {figures['floor']['rps']:.0f} req/s")
    return figures


def slug(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def resolve_pages(env):
    """Fill in the addresses that depend on content (a seeded project's)."""
    script = (
        "import django; django.setup()\n"
        "from django.utils import translation\n"
        "from projects.models import Project\n"
        "project = Project.objects.published().get(slug_en='la-pile')\n"
        "for code in ('en', 'fr'):\n"
        "    with translation.override(code):\n"
        "        print(project.get_absolute_url())\n"
    )
    out = run_python(env, script).split()
    found = {"project_en": out[0], "project_fr": out[1]}
    return {label: url.format(**found) for label, url in PAGES}


def run_python(env, script, *args):
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def count_queries(env, urls):
    """Queries per page drawn afresh, on its second visit (the first makes resized
    images and fills the process's copies)."""
    script = (
        "import django, json, sys; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "counts = {}\n"
        "for url in sys.argv[1:]:\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        status = client.get(url).status_code\n"
        "    assert status == 200, (url, status)\n"
        "    counts[url] = len(ctx.captured_queries)\n"
        "print(json.dumps(counts))\n"
    )
    counts = json.loads(run_python(env | {"PAGE_CACHE_SECONDS": "0"}, script, *urls.values()))
    return {label: counts[url] for label, url in urls.items()}


class gunicorn:
    """A gunicorn serving `app` on `port` while the block runs, stopped by its PID."""

    def __init__(self, env, app, port):
        self.env, self.app, self.port = env, app, port

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", self.app, "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(WORKERS), "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1)
                return self
            except urllib.error.HTTPError:
                return self  # answering, whatever it says
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn {self.app} did not start")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk_page(port, url, options, save_to):
    address = f"http://127.0.0.1:{port}{url}"
    with urllib.request.urlopen(address) as response:
        assert response.status == 200, (url, response.status)
    wrk(["-t1", "-c2", "-d2s", address])  # warm up workers, connections and copies
    text = wrk(
        ["-t2", f"-c{options.connections}", f"-d{options.seconds}s", "--timeout", "10s"]
        + ["--latency", address]
    )
    save_to.write_text(text)
    return parse_wrk(text)


def wrk(arguments):
    return subprocess.run(["wrk", *arguments], check=True, capture_output=True, text=True).stdout


def parse_wrk(text):
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1),
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket.groups())) if socket else 0),
    }


# The soak

SOAK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
"""


def soak(env, options, out):
    """Every page but search in turn, at 64 connections for 60 s, through the page cache as in
    production: first through nginx with deploy/'s configuration (its own cache in front),
    then directly against gunicorn. Errors (non-2xx, socket errors and timeouts) and the
    workers' memory after a warm-up and after each run."""
    # Search on SQLite reads every project in Python (PostgreSQL uses its vectors): at
    # 12,000 projects it is the one page that is not flat, and is left out of the soak.
    urls = [url for label, url in resolve_pages(env).items() if not label.startswith("search")]
    script = out / "soak.lua"
    script.write_text(SOAK_SCRIPT % ", ".join(f'"{url}"' for url in urls))
    results = {}
    with gunicorn(env | {"PAGE_CACHE_SECONDS": "300"}, "citymined.wsgi", PORT) as server:
        folder = Path(tempfile.mkdtemp(prefix="soak-", dir=out))
        nginx = Nginx(folder, free_port(), [PORT], static_root=env["STATIC_ROOT"])
        try:
            addresses = {"nginx": nginx.url, "gunicorn": f"http://127.0.0.1:{PORT}"}
            for address in addresses.values():
                wrk(["-t2", "-c16", "-d5s", "-s", str(script), address])
            for name, address in addresses.items():
                results[name] = soak_through(server, options, out, name, script, address)
        finally:
            nginx.stop()
    return results


def soak_through(server, options, out, name, script, address):
    before = rss(server.workers())
    log(f"soak through {name}: {options.soak_seconds} s at {options.soak_connections} connections")
    text = wrk(
        ["-t2", f"-c{options.soak_connections}", f"-d{options.soak_seconds}s"]
        + ["--timeout", "10s", "--latency", "-s", str(script), address]
    )
    after = rss(server.workers())
    (out / f"wrk-soak-{name}.txt").write_text(text)
    result = parse_wrk(text) | {
        "rss_before_kb": before,
        "rss_after_kb": after,
        "rss_growth": (after - before) / before if before else None,
        "seconds": options.soak_seconds,
        "connections": options.soak_connections,
    }
    log(f"soak through {name}: {result}")
    return result


def rss(pids):
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return total


# The peer


def peer(options, out):
    """The Wagtail peer's own bench.sh, with the same wrk settings, on another port."""
    folder = out / "peer"
    log(f"Wagtail peer, {options.peer_sizes} projects (its bench.sh)")
    stop = threading.Event()
    if options.postgres:
        threading.Thread(target=analyzing, args=(options.postgres, stop), daemon=True).start()
    subprocess.run(
        [str(PEER / "bench.sh"), "bench"],
        cwd=PEER,
        env=dict(os.environ)
        | {
            "OUT": str(folder),
            "NS": " ".join(map(str, options.peer_sizes)),
            "PORT": str(PEER_PORT),
            "WRK_ARGS": f"-t2 -c{options.connections} -d{options.seconds}s",
            "WARM_ARGS": "-t1 -c2 -d2s",
            "QUIET_WAIT": os.environ.get("QUIET_WAIT", "10"),
            **({"DATABASE_URL": options.postgres} if options.postgres else {}),
        },
        check=True,
    )
    stop.set()
    rows = json.loads((folder / "summary.json").read_text())
    return {
        int(size): {row["url"]: {"rps": row["rps"], "queries": row["queries_warm"]} for row in rs}
        for size, rs in rows.items()
    }


# The table and the chart


def table(run):
    lines = [
        "# Benchmark",
        "",
        "Written by `python -m bench.run` (bench/run.py says how and how long). Requests/s "
        "measured with wrk (2 threads, "
        f"{run['options']['connections']} connections, {run['options']['seconds']} s per "
        f"page) against gunicorn ({WORKERS} sync workers, DEBUG off, "
        f"{run.get('database', 'SQLite')}). Load average "
        f"before: {' '.join(run['load_before'])}; after: {' '.join(run['load_after'])}; "
        f"{run['minutes']} minutes in all. *Afresh*: every page rendered "
        "(PAGE_CACHE_SECONDS=0), with what each process caches per content version (cards, "
        "menu, footer) cached, as between two edits; *after an edit*: every request right "
        "after an edit every list shows (a project's title: every page and what read the "
        "projects' table is rendered again); *after everything*: after a change that names "
        "no table, so nothing is cached (bench/after_edit.py); "
        f"*cached*: from the page cache (CACHE_URL: {run.get('cache', 'not recorded')}, "
        f"shared by the {WORKERS} workers). *Floor*: a bare WSGI app under the same gunicorn, "
        "measured in the same run. *Peer*: the Wagtail 8 site of ../shared/peers/wagtail, "
        "same wrk settings, same run.",
        "",
        "![Requests per second](benchmark.svg)",
        "",
    ]
    peer = run.get("peer", {})
    for size, figures in run["sizes"].items():
        floor = figures["floor"]["rps"]
        peer_here = peer.get(int(size), {})
        lines += [
            f"## {int(size):,} projects",
            "",
            f"Floor: {floor:,.0f} requests/s.",
            "",
            "| page | queries | afresh req/s | p50 | p99 | × peer | after an edit req/s | "
            "× peer | after everything req/s | × peer | cached req/s | p99 | × floor | "
            "peer req/s (queries) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label in figures["urls"]:
            fresh, cached = figures["afresh"][label], figures["cached"][label]
            theirs = peer_here.get(PEER_PAGES.get(label))
            versus = f"{fresh['rps'] / theirs['rps']:.2f}" if theirs else ""
            changed = [figures.get(mode, {}).get(label) for mode in AFTER_CHANGES]
            edited_cells = " | ".join(
                (f"{edited['rps']:.0f} | " if edited else " | ")
                + (f"{edited['rps'] / theirs['rps']:.2f}" if edited and theirs else "")
                for edited in changed
            )
            peer_cell = f"{theirs['rps']:.0f} ({theirs['queries']})" if theirs else ""
            errors = fresh["errors"] + cached["errors"]
            errors += sum(edited["errors"] for edited in changed if edited)
            warning = f" ⚠ {errors} errors" if errors else ""
            lines.append(
                f"| {label}{warning} | "
                f"{figures['queries'][label]} | {fresh['rps']:.0f} | {fresh['p50']} | "
                f"{fresh['p99']} | {versus} | {edited_cells} | {cached['rps']:.0f} | "
                f"{cached['p99']} | "
                f"{cached['rps'] / floor:.2f} | {peer_cell} |"
            )
        if peer_here.get("/floor/"):
            lines.append(
                f"| *peer's floor (a Django view)* | | | | | | | | | | | | | "
                f"{peer_here['/floor/']['rps']:.0f} |"
            )
        lines.append("")
    if "soak" in run:
        lines += ["## Soak", ""]
        lines += [soak_line(name, result) for name, result in run["soak"].items()]
        lines.append("")
    return "\n".join(lines)


def soak_line(name, soak_):
    where = {"nginx": "through nginx (deploy/'s configuration)"}.get(
        name, "directly against gunicorn"
    )
    return (
        f"- {soak_['seconds']} s at {soak_['connections']} connections {where}, every page "
        f"but search in turn: {soak_['requests']:,} requests, {soak_['rps']:.0f}/s, "
        f"p99 {soak_['p99']}, **{soak_['errors']} errors**; workers' memory "
        f"{soak_['rss_before_kb'] / 1024:.0f} MB before, "
        f"{soak_['rss_after_kb'] / 1024:.0f} MB after (**{soak_['rss_growth']:+.1%}**)."
    )


def chart(run):
    """Horizontal bars, on a logarithmic scale (a page drawn afresh and a cached one are
    a hundred times apart): per page and size, afresh, cached and the peer; the floor as
    a line per size."""
    sizes = list(run["sizes"])
    labels = list(next(iter(run["sizes"].values()))["urls"])
    peer = run.get("peer", {})
    series = [("afresh", "#c2410c"), ("cached", "#0f766e"), ("peer", "#6b7280")]
    bar, gap, left, width = 5, 8, 190, 560
    group = len(sizes) * len(series) * bar + gap
    height = 70 + group * len(labels) + 40
    top = max(run["sizes"][size]["floor"]["rps"] for size in sizes) * 1.5

    def x(value):
        return left + width * math.log10(max(value, 1)) / math.log10(top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
        f'height="{height}" font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="#fff"/>',
        '<text x="10" y="20" font-size="14" font-weight="bold">Requests per second '
        "(log scale), per page and number of projects</text>",
    ]
    for position, (name, colour) in enumerate(series):
        parts.append(
            f'<rect x="{10 + position * 90}" y="32" width="10" height="10" fill="{colour}"/>'
            f'<text x="{24 + position * 90}" y="41">{name}</text>'
        )
    parts.append(
        f'<text x="290" y="41">bar shade: {", ".join(f"{s:,}" for s in sizes)} projects; '
        "dashed: floor</text>"
    )
    for tick in (10, 100, 1000, 10000):
        if tick < top:
            parts.append(
                f'<line x1="{x(tick):.1f}" y1="50" x2="{x(tick):.1f}" y2="{height - 30}" '
                f'stroke="#ddd"/><text x="{x(tick):.1f}" y="{height - 15}" '
                f'text-anchor="middle">{tick:,}</text>'
            )
    for row, label in enumerate(labels):
        y = 60 + row * group
        parts.append(f'<text x="{left - 6}" y="{y + group / 2}" text-anchor="end">{label}</text>')
        for s, size in enumerate(sizes):
            figures = run["sizes"][size]
            theirs = peer.get(int(size), {}).get(PEER_PAGES.get(label))
            values = [
                figures["afresh"][label]["rps"],
                figures["cached"][label]["rps"],
                theirs["rps"] if theirs else 0,
            ]
            for k, ((name, colour), value) in enumerate(zip(series, values, strict=True)):
                if not value:
                    continue
                top_y = y + (s * len(series) + k) * bar
                opacity = 1 - 0.3 * s
                parts.append(
                    f'<rect x="{left}" y="{top_y}" width="{x(value) - left:.1f}" '
                    f'height="{bar - 1}" fill="{colour}" fill-opacity="{opacity:.2f}">'
                    f"<title>{label}, {int(size):,} projects, {name}: {value:.0f}/s</title></rect>"
                )
    for s, size in enumerate(sizes):
        floor = x(run["sizes"][size]["floor"]["rps"])
        parts.append(
            f'<line x1="{floor:.1f}" y1="50" x2="{floor:.1f}" y2="{height - 30}" '
            f'stroke="#111" stroke-dasharray="4 3" stroke-opacity="{1 - 0.3 * s:.2f}">'
            f"<title>floor, {int(size):,} projects</title></line>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


if __name__ == "__main__":
    main()
