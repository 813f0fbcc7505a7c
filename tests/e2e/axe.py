"""axe-core, as the web measures accessibility: run in the page by Chromium.

The copy of axe.min.js that axe-playwright-python ships is injected through the
browser's debugging protocol, so it works offline and under the site's strict CSP."""

from axe_playwright_python.base import AXE_SCRIPT

# WCAG 2.0, 2.1 and 2.2, levels A and AA, and Deque's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
# The rules that depend on colours alone: enough for the same page in dark mode.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def violations(browser_page, rules=None, within="html", impacts=None, skip=()):
    """A readable line per violated rule, with the elements concerned; every rule of
    TAGS, or only the given ones, less those to `skip`; in the whole page, or in the
    elements `within` selects (an open dialog, say); of any impact, or only the given
    ones ("critical")."""
    # Injected once per page load: later checks of the same page (dark, phone) reuse it.
    if not browser_page.evaluate("typeof window.axe === 'object'"):
        browser_page.evaluate(AXE_SCRIPT)
    options = {**OPTIONS, "runOnly": {"type": "rule", "values": rules}} if rules else OPTIONS
    if skip:
        options = {**options, "rules": {rule: {"enabled": False} for rule in skip}}
    response = browser_page.evaluate(
        "([within, options]) => axe.run({include: [within]}, options)", [within, options]
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} -> "
        + ", ".join(" ".join(node["target"]) for node in rule["nodes"])
        for rule in response["violations"]
        if impacts is None or rule["impact"] in impacts
    ]
