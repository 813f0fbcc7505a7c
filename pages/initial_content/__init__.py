"""The pages the site starts with. The About page is the organisation's own text
(Dutch and English); its French text is still being written, so it has a French title
and address but no French text, and shows the fallback notice."""

from pathlib import Path

from content.models import Content
from content.seeding import create_once
from pages.models import Page

HERE = Path(__file__).parent


def _text(name):
    return (HERE / name).read_text(encoding="utf-8")


HOME = {
    "title_nl": "Stedelijke ontwikkeling, een zaak van iedereen",
    "title_fr": "Le développement urbain, l'affaire de tous",
    "title_en": "Urban development, everyone's business",
    "description_nl": "City Mine(d) maakt van stedelijke ontwikkeling een zaak van iedereen: "
    "meer dan honderd projecten in twaalf Europese steden sinds 1997.",
    "description_fr": "City Mine(d) fait du développement urbain l'affaire de tous : plus de "
    "cent projets dans douze villes européennes depuis 1997.",
    "description_en": "City Mine(d) makes urban development everyone's business: over a "
    "hundred projects in twelve European cities since 1997.",
    "body_nl": _text("home.nl.html"),
    "body_fr": _text("home.fr.html"),
    "body_en": _text("home.en.html"),
}

ABOUT = {
    "title_nl": "Over City Mine(d)",
    "title_fr": "À propos de City Mine(d)",
    "title_en": "About City Mine(d)",
    "slug_nl": "over-ons",
    "slug_fr": "a-propos",
    "slug_en": "about",
    "description_nl": "City Mine(d) brengt burgers, overheden, onderzoekers en bedrijven samen "
    "op neutrale plekken in de stad om prototypes te bouwen.",
    "description_fr": "City Mine(d) réunit habitants, pouvoirs publics, chercheurs et "
    "entreprises dans des lieux neutres de la ville pour construire des prototypes.",
    "description_en": "City Mine(d) brings citizens, authorities, researchers and businesses "
    "together on neutral places in the city to build prototypes.",
    "body_nl": _text("about.nl.html"),
    "body_en": _text("about.en.html"),
    # The French text is being translated: the page falls back to English.
}

HOW_WE_WORK = {
    "title_nl": "Onze werkwijze",
    "title_fr": "Notre méthode",
    "title_en": "How we work",
    "slug_nl": "werkwijze",
    "slug_fr": "methode",
    "slug_en": "how-we-work",
    "description_nl": "Sinds 2010 werkt City Mine(d) in trajecten van tot vijf jaar in één wijk.",
    "description_fr": "Depuis 2010, City Mine(d) travaille en trajets de cinq ans au plus "
    "dans un même quartier.",
    "description_en": "Since 2010 City Mine(d) works in trajectories of up to five years in "
    "one neighbourhood.",
    "body_nl": _text("how-we-work.nl.html"),
    "body_fr": _text("how-we-work.fr.html"),
    "body_en": _text("how-we-work.en.html"),
}


def _page(fields, **place):
    return lambda: Page(status=Content.Status.PUBLISHED, **fields, **place)


def load():
    created_before = Page.objects.count()
    create_once("pages.home", _page(HOME, is_home=True, show_in_menu=False))
    about = create_once("pages.about", _page(ABOUT, menu_order=10, show_contact=True))
    create_once(
        "pages.how-we-work", _page(HOW_WE_WORK, parent=about, menu_order=11, show_in_footer=False)
    )
    return Page.objects.count() - created_before
