"""Quality figures for the site's main pages, measured the way the web measures itself.

For every page of the accessibility test's list (tests/e2e/test_accessibility.py) and
every language, it prints a table of:
  - Lighthouse (mobile) scores: performance, accessibility, best practices, SEO;
  - axe-core violations (WCAG 2.0/2.1/2.2 A and AA, best practices), light and dark;
  - the first-visit weight of HTML + CSS + JavaScript, gzip-compressed, and of fonts;
and, under the table, every Lighthouse audit that kept a score below 100.

The site is served as in production: DEBUG off, gunicorn, WhiteNoise with hashed and
compressed static files, a fresh SQLite database with the initial content.

Run on demand (not part of `make test`):

    npm install --prefix /tmp/lighthouse lighthouse@12   # once; 13.x needs Node 22
    .venv/bin/python bench/quality.py --lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse

Options: --pages home,about  --languages fr  --no-lighthouse (axe and weight only).
Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH).
"""

import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Budget from the issue: HTML, CSS and JavaScript of one first visit, compressed.
BUDGET_KB = 60


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(folder):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "quality-bench-only-key-never-used-in-production-0123456789",
        "DATABASE_URL": f"sqlite:///{folder / 'quality.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        # No web server in front here to serve the uploads, as production has.
        "SERVE_MEDIA": "1",
        "DJANGO_SETTINGS_MODULE": "citymined.settings",
        "LOG_LEVEL": "WARNING",
    }


def prepare_site(env):
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["load_initial_data"],
    ):
        subprocess.run(manage + command + ["-v", "0"], env=env, cwd=ROOT, check=True)


def start_server(env, port, log):
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "citymined.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/nl/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def page_paths(names, languages, env):
    """Each page's path per language, from the accessibility test's own list, with the
    content those pages show beyond the initial content."""
    shared = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT")
    os.environ.update({k: env[k] for k in shared})
    os.environ["DJANGO_SETTINGS_MODULE"] = "citymined.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from tests.e2e.test_accessibility import PAGES, add_pages_content

    add_pages_content()
    paths = []
    for name in names or PAGES:
        for language in languages or [code for code, _name in settings.LANGUAGES]:
            with translation.override(language):
                paths.append((name, language, PAGES[name]()))
    return paths


def measure_in_browser(browser, url):
    """axe violations (light and dark) and the first visit's compressed weight."""
    from tests.e2e.axe import violations

    context = browser.new_context(viewport={"width": 412, "height": 823})
    tab = context.new_page()
    bodies = []
    tab.on("requestfinished", lambda request: bodies.append(request))
    tab.goto(url, wait_until="networkidle")
    found = violations(tab)
    tab.emulate_media(color_scheme="dark")
    found += violations(tab)
    code_bytes = font_bytes = 0
    for request in bodies:
        response = request.response()
        if response is None:
            continue
        kind = request.resource_type
        if kind in ("document", "stylesheet", "script"):
            code_bytes += len(gzip.compress(response.body(), compresslevel=6))
        elif kind == "font":
            font_bytes += len(response.body())
    context.close()
    return found, code_bytes / 1024, font_bytes / 1024


def lighthouse(binary, url):
    result = subprocess.run(
        [
            binary,
            url,
            "--quiet",
            # The 404 page answers 404 on purpose: measure it all the same.
            "--ignore-status-code",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags=--headless=new {' '.join(CHROME_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not measure {url}: {report['runtimeError']['message']}")
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    held_back = []
    for category in (c for c in CATEGORIES if scores[c] < 100):
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                held_back.append(f"{category}: {ref['id']} ({audit['title']})")
    return scores, held_back


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", default="lighthouse", help="the lighthouse binary")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--pages", default="", help="comma-separated page names")
    parser.add_argument(
        "--languages", default="", help="comma-separated codes (default: every language)"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "server.log", "w") as log:
        env = production_environment(Path(tmp))
        prepare_site(env)
        port = free_port()
        server = start_server(env, port, log)
        try:
            paths = page_paths(
                [p for p in args.pages.split(",") if p],
                [code for code in args.languages.split(",") if code],
                env,
            )
            rows, notes = [], {}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_ARGS)
                for name, language, path in paths:
                    url = f"http://127.0.0.1:{port}{path}"
                    found, code_kb, font_kb = measure_in_browser(browser, url)
                    scores = {}
                    if not args.no_lighthouse:
                        scores, held_back = lighthouse(args.lighthouse, url)
                        for line in held_back:
                            notes.setdefault(line, []).append(f"{name}/{language}")
                    rows.append((name, language, path, scores, found, code_kb, font_kb))
                browser.close()
        finally:
            server.terminate()
            server.wait()

    print_table(rows, notes)
    failed = any(row[4] for row in rows) or any(row[5] > BUDGET_KB for row in rows)
    return 1 if failed else 0


def print_table(rows, notes):
    header = [
        "page",
        "lang",
        "path",
        "perf",
        "a11y",
        "best-pr",
        "seo",
        "axe",
        "html+css+js gz KB",
        "fonts KB",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, language, path, scores, found, code_kb, font_kb in rows:
        cells = [name, language, path]
        cells += [str(scores.get(c, "-")) for c in CATEGORIES]
        cells += [str(len(found)), f"{code_kb:.1f}", f"{font_kb:.1f}"]
        print("| " + " | ".join(cells) + " |")
    for name, language, _path, _scores, found, _code, _font in rows:
        for line in found:
            print(f"axe {name}/{language}: {line}")
    if notes:
        print("\nWhat holds a Lighthouse score below 100 (and where):")
        for line, where in notes.items():
            print(f"- {line}: {', '.join(where)}")


if __name__ == "__main__":
    sys.exit(main())
