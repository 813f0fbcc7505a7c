"""axe-core, as the web measures accessibility: run in the page by Chromium.

axe-playwright-python ships its own copy of axe.min.js and injects it through the
browser's debugging protocol, so it works offline and under the site's strict CSP."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2, levels A and AA, and Deque's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def violations(browser_page):
    """A readable line per violated rule, with the elements concerned."""
    response = _axe.run(browser_page, options=OPTIONS).response
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} -> "
        + ", ".join(" ".join(node["target"]) for node in rule["nodes"])
        for rule in response["violations"]
    ]
