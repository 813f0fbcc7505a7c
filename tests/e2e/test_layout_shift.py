"""Logos keep their place while they load: the page does not jump under the reader
(Cumulative Layout Shift) when the funders' and partners' logos arrive."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Adds up every layout shift the page makes, from its first paint (as Lighthouse's CLS).
MEASURE_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""
LOGOS = ".logo-strip img, .logo-grid img"
# The logos' files, with the library's other pictures (which hold their place too): their
# copies, or their originals scaled down until the background worker has made the copies.
LOGO_FILES = "**/media/**"


def boxes(tab):
    return tab.eval_on_selector_all(
        LOGOS,
        "images => images.map(image => { const box = image.getBoundingClientRect();"
        " return [Math.round(box.x), Math.round(box.y + scrollY), Math.round(box.width),"
        " Math.round(box.height)]; })",
    )


@pytest.mark.parametrize("path", ["/fr/soutiens/", "/fr/projets/la-pile/", "/en/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_logos_do_not_shift_the_page_as_they_load(new_tab, live_server, site_content, path, width):
    tab = new_tab(viewport={"width": width, "height": 900})
    tab.add_init_script(MEASURE_SHIFTS)
    # The logos are held back until the page is laid out, as on a slow connection
    # (those further down load lazily, as the reader scrolls to them).
    held = []
    tab.route(LOGO_FILES, lambda route: held.append(route))
    tab.goto(f"{live_server.url}{path}", wait_until="domcontentloaded")
    # The headings' web font may arrive late and move what is under them: measured
    # once it is there, so that only the logos' arrival is counted.
    tab.evaluate("document.fonts.ready.then(() => { window.__layoutShift = 0 })")
    before = boxes(tab)
    assert before, "no logos on the page"
    assert not tab.evaluate(f"[...document.querySelectorAll({LOGOS!r})].some(i => i.naturalWidth)")
    for route in held:
        route.continue_()
    tab.unroute(LOGO_FILES)
    tab.mouse.wheel(0, 20000)
    tab.wait_for_function(
        f"() => [...document.querySelectorAll({LOGOS!r})].every(i => i.complete && i.naturalWidth)"
    )
    tab.wait_for_timeout(200)  # the last shift reported
    assert boxes(tab) == before
    assert tab.evaluate("window.__layoutShift") < 0.01
