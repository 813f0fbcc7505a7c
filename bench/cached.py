"""Cached pages against a bare WSGI app, under the same gunicorn: run on demand.

    .venv/bin/python -m bench.cached                 # Redis shared by 2 workers, and the default
    .venv/bin/python -m bench.cached --workers 4 --seconds 10

Builds a SQLite database with the initial content (or uses DATABASE_URL), starts its
own Redis on a free port, and measures with wrk, in one run: a WSGI app that answers
"ok" (the floor: what gunicorn itself costs), then the site's cached pages with
CACHE_URL=redis://… (production) and with the in-memory default. It prints requests/s,
the ratio to the floor measured just before each page, and the Redis commands one
page costs. Then the production path: the same pages through deploy/'s nginx (its own
cache in front of the site, Redis behind), against that nginx serving a static file
(site.css), measured just before each page. Separate from bench/run.py, which measures
pages rendered afresh. The machine is shared: the load
average (`uptime`) is printed with the figures; compare ratios, not absolute numbers.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.resilience.servers import Nginx, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/nl/", "/fr/a-propos/", "/en/projects/", "/nl/projecten/?theme=environment"]


def bare_app(environ, start_response):
    """The floor: a WSGI app that does nothing but answer."""
    body = b"ok"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [body]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def environment(folder):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-key-never-used-in-production-0123456789abcdef",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "CONTENT_VERSION_FILE": str(folder / "content-version"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_SECONDS": "300",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    return env


def prepare(env):
    if env["DATABASE_URL"].startswith("postgres"):
        manage(env, "flush", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_initial_data")


class Gunicorn:
    def __init__(self, app, env, workers):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(workers), "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, timeout=30)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def warm_up(port, path, workers):
    """Every worker draws the page and keeps its copy before wrk starts: a cold worker
    on a busy machine may take seconds, which wrk would count as timeouts."""
    for _ in range(workers * 10):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as answer:
            answer.read()


def wrk(port, path, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        + [f"http://127.0.0.1:{port}{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"{path} answered errors under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def redis_commands(redis_port):
    import redis

    stats = redis.Redis(port=redis_port).info("commandstats")
    return sum(value["calls"] for name, value in stats.items() if name != "cmdstat_info")


def measure_site(env, options, floor_port, redis_port=None):
    """Per page: requests/s, those of the floor measured just before it (the machine's
    load drifts between pages), and the Redis commands one page cost."""
    server = Gunicorn("citymined.wsgi", env, options.workers)
    figures = {}
    try:
        for path in PAGES:
            warm_up(server.port, path, options.workers)
            wrk(server.port, path, 1, options.connections)
            floor = wrk(floor_port, "/", options.seconds, options.connections)
            before = redis_commands(redis_port) if redis_port else 0
            rps = wrk(server.port, path, options.seconds, options.connections)
            per_page = None
            if redis_port and rps:
                per_page = (redis_commands(redis_port) - before) / (rps * options.seconds)
            figures[path] = (rps, floor, per_page)
    finally:
        server.stop()
    return figures


def measure_nginx(env, options, folder):
    """Per page, through deploy/'s nginx: requests/s, and those of a static file served
    by the same nginx, measured just before it."""
    server = Gunicorn("citymined.wsgi", env, options.workers)
    nginx = Nginx(folder, free_port(), [server.port], static_root=env["STATIC_ROOT"])
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    static = f"/static/{manifest['paths']['css/site.css']}"
    figures = {}
    try:
        for path in PAGES:
            warm_up(nginx.port, path, options.workers)
            wrk(nginx.port, path, 1, options.connections)
            floor = wrk(nginx.port, static, options.seconds, options.connections)
            figures[path] = (wrk(nginx.port, path, options.seconds, options.connections), floor)
    finally:
        nginx.stop()
        server.stop()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install -y {tool}")
    with tempfile.TemporaryDirectory(prefix="citymined-cached-") as folder:
        folder = Path(folder)
        env = environment(folder)
        prepare(env)
        redis_port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(redis_port)
        try:
            floor_server = Gunicorn("bench.cached:bare_app", env, options.workers)
            try:
                wrk(floor_server.port, "/", 1, options.connections)
                redis_url = f"redis://127.0.0.1:{redis_port}/0"
                shared = measure_site(
                    {**env, "CACHE_URL": redis_url}, options, floor_server.port, redis_port
                )
                default = measure_site(
                    {**env, "CACHE_URL": "locmemcache://"}, options, floor_server.port
                )
                proxied = measure_nginx({**env, "CACHE_URL": redis_url}, options, folder)
            finally:
                floor_server.stop()
        finally:
            redis.terminate()
            redis.wait(10)
    report(shared, default, proxied, options)


def report(shared, default, proxied, options):
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    run = f"wrk -c{options.connections} -d{options.seconds}s"
    print(f"\ngunicorn --workers {options.workers}, {run}")
    print(f"load: {load}")
    print("requests/s; ratio = page / bare WSGI floor measured just before it\n")
    print(f"{'page':36} {'Redis':>7} {'floor':>7} {'ratio':>6} {'cmds':>5}"
          f" {'default':>8} {'floor':>7} {'ratio':>6}")  # fmt: skip
    for path in PAGES:
        rps, floor, per_page = shared[path]
        memory, memory_floor, _ = default[path]
        print(
            f"{path:36} {rps:7,.0f} {floor:7,.0f} {rps / floor:6.2f} {per_page or 0:5.2f}"
            f" {memory:8,.0f} {memory_floor:7,.0f} {memory / memory_floor:6.2f}"
        )
    print("\nthrough deploy/'s nginx; ratio = page / site.css served by the same nginx\n")
    print(f"{'page':36} {'nginx':>7} {'static':>7} {'ratio':>6}")
    for path in PAGES:
        rps, static = proxied[path]
        print(f"{path:36} {rps:7,.0f} {static:7,.0f} {rps / static:6.2f}")


if __name__ == "__main__":
    main()
