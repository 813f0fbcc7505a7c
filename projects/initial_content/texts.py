"""The initial projects, funders and partners, in the site's three languages."""

from projects.models import Partner, ProjectPartner

FUNDER, PARTNER = Partner.Kind.FUNDER, Partner.Kind.PARTNER
FUNDS, WORKS_WITH = ProjectPartner.Role.FUNDER, ProjectPartner.Role.PARTNER

PARTNERS = [
    {
        "key": "vgc",
        "kind": FUNDER,
        "order": 1,
        "name_nl": "VGC Stedenfonds",
        "name_fr": "VGC Stedenfonds",
        "name_en": "VGC City Fund",
        "logo_alt_nl": "Logo van de Vlaamse Gemeenschapscommissie (placeholder)",
        "logo_alt_fr": "Logo de la Commission communautaire flamande (placeholder)",
        "logo_alt_en": "Logo of the Flemish Community Commission (placeholder)",
        "website": "https://www.vgc.be/",
        "description_nl": "Het Stedenfonds van de Vlaamse Gemeenschapscommissie steunt "
        "projecten die het samenleven in Brussel versterken.",
        "description_fr": "Le Stedenfonds de la Commission communautaire flamande soutient "
        "des projets qui renforcent la vie en commun à Bruxelles.",
        "description_en": "The city fund of the Flemish Community Commission supports "
        "projects that strengthen living together in Brussels.",
        "acknowledgement_nl": "Met de steun van het Stedenfonds van de Vlaamse "
        "Gemeenschapscommissie.",
        "acknowledgement_fr": "Avec le soutien du Stedenfonds de la Commission "
        "communautaire flamande.",
        "acknowledgement_en": "With the support of the city fund of the Flemish Community "
        "Commission.",
    },
    {
        "key": "city-of-brussels",
        "kind": FUNDER,
        "order": 2,
        "name_nl": "Stad Brussel",
        "name_fr": "Ville de Bruxelles",
        "name_en": "City of Brussels",
        "logo_alt_nl": "Logo van de Stad Brussel (placeholder)",
        "logo_alt_fr": "Logo de la Ville de Bruxelles (placeholder)",
        "logo_alt_en": "Logo of the City of Brussels (placeholder)",
        "website": "https://www.brussels.be/",
        "description_nl": "De Stad Brussel steunt de huidige projecten van City Mine(d).",
        "description_fr": "La Ville de Bruxelles soutient les projets actuels de City Mine(d).",
        "description_en": "The City of Brussels supports City Mine(d)'s current projects.",
        "acknowledgement_nl": "Met de steun van de Stad Brussel.",
        "acknowledgement_fr": "Avec le soutien de la Ville de Bruxelles.",
        "acknowledgement_en": "With the support of the City of Brussels.",
    },
    {
        "key": "european-union",
        "kind": FUNDER,
        "order": 3,
        "name_nl": "Europese Unie",
        "name_fr": "Union européenne",
        "name_en": "European Union",
        "logo_alt_nl": "Logo van de Europese Unie (placeholder)",
        "logo_alt_fr": "Logo de l'Union européenne (placeholder)",
        "logo_alt_en": "Logo of the European Union (placeholder)",
        "website": "https://european-union.europa.eu/",
        "description_nl": "De Europese Unie steunt de huidige projecten van City Mine(d).",
        "description_fr": "L'Union européenne soutient les projets actuels de City Mine(d).",
        "description_en": "The European Union supports City Mine(d)'s current projects.",
        "acknowledgement_nl": "Met de steun van de Europese Unie.",
        "acknowledgement_fr": "Avec le soutien de l'Union européenne.",
        "acknowledgement_en": "With the support of the European Union.",
    },
    {
        "key": "brussels-region",
        "kind": FUNDER,
        "order": 4,
        "name_nl": "Brussels Hoofdstedelijk Gewest",
        "name_fr": "Région de Bruxelles-Capitale",
        "name_en": "Brussels-Capital Region",
        "logo_alt_nl": "Logo van het Brussels Hoofdstedelijk Gewest (placeholder)",
        "logo_alt_fr": "Logo de la Région de Bruxelles-Capitale (placeholder)",
        "logo_alt_en": "Logo of the Brussels-Capital Region (placeholder)",
        "website": "https://be.brussels/",
        "description_nl": "Het Brussels Hoofdstedelijk Gewest steunt de huidige projecten "
        "van City Mine(d).",
        "description_fr": "La Région de Bruxelles-Capitale soutient les projets actuels de "
        "City Mine(d).",
        "description_en": "The Brussels-Capital Region supports City Mine(d)'s current projects.",
        "acknowledgement_nl": "Met de steun van het Brussels Hoofdstedelijk Gewest.",
        "acknowledgement_fr": "Avec le soutien de la Région de Bruxelles-Capitale.",
        "acknowledgement_en": "With the support of the Brussels-Capital Region.",
    },
    {
        "key": "pum-collectif",
        "kind": PARTNER,
        "order": 10,
        "name_nl": "PUM collectif",
        "name_fr": "PUM collectif",
        "name_en": "PUM collectif",
        "logo_alt_nl": "Logo van PUM collectif (placeholder)",
        "logo_alt_fr": "Logo du PUM collectif (placeholder)",
        "logo_alt_en": "Logo of PUM collectif (placeholder)",
        "website": "https://www.pumcollectif.org/",
        "description_nl": "Bewoners, kunstenaars, wetenschappers en jongeren rond de Friche "
        "Eggevoort in de Europese wijk.",
        "description_fr": "Habitants, artistes, scientifiques et jeunes autour de la Friche "
        "Eggevoort, dans le quartier européen.",
        "description_en": "Residents, artists, scientists and young people around the Friche "
        "Eggevoort in the European quarter.",
    },
    {
        "key": "proper-water",
        "kind": PARTNER,
        "order": 11,
        "name_nl": "Proper Water",
        "name_fr": "Eau Propre",
        "name_en": "Proper Water",
        "logo_alt_nl": "Logo van Proper Water (placeholder)",
        "logo_alt_fr": "Logo d'Eau Propre (placeholder)",
        "logo_alt_en": "Logo of Proper Water (placeholder)",
        "website": "https://properwater.org/",
        "description_nl": "De eigen website van het waterproject.",
        "description_fr": "Le site propre du projet sur l'eau.",
        "description_en": "The water project's own website.",
    },
]

PROJECTS = [
    {
        "title_nl": "La Pile",
        "title_fr": "La Pile",
        "title_en": "La Pile",
        "slug_nl": "la-pile",
        "slug_fr": "la-pile",
        "slug_en": "la-pile",
        "teaser_nl": "Buren in Sint-Gillis ontwerpen samen hoe ze hun elektriciteit lokaal "
        "opwekken en delen.",
        "teaser_fr": "À Saint-Gilles, des voisins imaginent ensemble comment produire et "
        "partager leur électricité localement.",
        "teaser_en": "Neighbours in Saint-Gilles design together how to produce and share "
        "their electricity locally.",
        "body_nl": "<p>Met <strong>La Pile</strong> (Citizens Take Power) nemen buren in "
        "Sint-Gillis de energievoorziening van hun wijk zelf in handen. Samen bedenken ze hoe "
        "elektriciteit in de buurt opgewekt, bewaard en gedeeld kan worden.</p><p>Het project "
        "loopt sinds 2018 en verbindt milieu en technologie met de vraag wie de stad van morgen "
        "bouwt.</p>",
        "body_fr": "<p>Avec <strong>La Pile</strong> (Citizens Take Power), des voisins de "
        "Saint-Gilles prennent en main l'énergie de leur quartier. Ensemble, ils imaginent "
        "comment produire, stocker et partager l'électricité au plus près.</p><p>Le projet "
        "court depuis 2018 et relie environnement et technologie à une question : qui "
        "construit la ville de demain ?</p>",
        "body_en": "<p>With <strong>La Pile</strong> (Citizens Take Power), neighbours in "
        "Saint-Gilles take their neighbourhood's energy into their own hands. Together they "
        "work out how electricity can be produced, stored and shared close to home.</p><p>The "
        "project has been running since 2018 and ties environment and technology to the "
        "question of who builds tomorrow's city.</p>",
        "cover_alt_nl": "Placeholder-afbeelding voor La Pile",
        "cover_alt_fr": "Image provisoire pour La Pile",
        "cover_alt_en": "Placeholder image for La Pile",
        "start_year": 2018,
        "featured": True,
        "cities": ["brussels"],
        "themes": ["environment", "technology"],
        "partners": [
            ("vgc", FUNDS),
            ("city-of-brussels", FUNDS),
            ("european-union", FUNDS),
            ("brussels-region", FUNDS),
        ],
    },
    {
        "title_nl": "Friche Eggevoort",
        "title_fr": "Friche Eggevoort",
        "title_en": "Friche Eggevoort",
        "slug_nl": "friche-eggevoort",
        "slug_fr": "friche-eggevoort",
        "slug_en": "friche-eggevoort",
        "teaser_nl": "Een braakliggend terrein onder het Europees Parlement, beheerd als "
        "gemeengoed.",
        "teaser_fr": "Un terrain vague sous le Parlement européen, géré comme un bien commun.",
        "teaser_en": "A derelict plot below the European Parliament, run as a commons.",
        "body_nl": "<p>Van 2011 tot 2015 werd een braakliggend perceel in de Maalbeekvallei in "
        "Etterbeek, vlak onder het Europees Parlement, beheerd als gemeengoed. Samen met het "
        "PUM collectif werkten bewoners, kunstenaars, wetenschappers en jongeren er rond water "
        "en biodiversiteit.</p><p>Het project leidde tot de tentoonstelling <em>Atlas Friche "
        "Eggevoort</em> en een keramische maquette van de Maalbeekvallei.</p>",
        "body_fr": "<p>De 2011 à 2015, une parcelle en friche de la vallée du Maelbeek à "
        "Etterbeek, juste sous le Parlement européen, a été gérée comme un bien commun. Avec le "
        "PUM collectif, habitants, artistes, scientifiques et jeunes y ont travaillé sur l'eau "
        "et la biodiversité.</p><p>Le projet a donné lieu à l'exposition <em>Atlas Friche "
        "Eggevoort</em> et à une maquette en céramique de la vallée du Maelbeek.</p>",
        "body_en": "<p>From 2011 to 2015 a derelict plot in the Maelbeek valley in Etterbeek, "
        "right below the European Parliament, was run as a commons. With the PUM collectif, "
        "residents, artists, scientists and young people worked there on water and "
        "biodiversity.</p><p>The project led to the exhibition <em>Atlas Friche "
        "Eggevoort</em> and a ceramic model of the Maelbeek valley.</p>",
        "cover_alt_nl": "Placeholder-afbeelding voor Friche Eggevoort",
        "cover_alt_fr": "Image provisoire pour la Friche Eggevoort",
        "cover_alt_en": "Placeholder image for Friche Eggevoort",
        "start_year": 2011,
        "end_year": 2015,
        "featured": True,
        "cities": ["brussels"],
        "themes": ["environment"],
        "partners": [("pum-collectif", WORKS_WITH)],
    },
    {
        # The French text is still to be written: the French page shows the English one.
        "title_nl": "Micronomics",
        "title_en": "Micronomics",
        "slug_nl": "micronomics",
        "slug_en": "micronomics",
        "teaser_nl": "Een blik van onderuit op de stedelijke economie, in Brussel en Londen.",
        "teaser_en": "A bottom-up look at the urban economy, in Brussels and London.",
        "body_nl": "<p>Micronomics (2006-2011) bekeek de economie van de stad van onderuit. In "
        "Brussel en Londen gaven de Wafelbank, de Soepmachine en de MicroMarché, samen met "
        "debatten, festivals en kortfilms, een gezicht aan de kleine economie van buurten en "
        "bewoners.</p>",
        "body_en": "<p>Micronomics (2006-2011) looked at the city's economy from the bottom "
        "up. In Brussels and London the WaffleBank, the Soupmachine and the MicroMarché, along "
        "with debates, festivals and short films, gave a face to the small economy of "
        "neighbourhoods and residents.</p>",
        "cover_alt_nl": "Placeholder-afbeelding voor Micronomics",
        "cover_alt_en": "Placeholder image for Micronomics",
        "start_year": 2006,
        "end_year": 2011,
        "cities": ["brussels", "london"],
        "themes": ["economy"],
    },
    {
        "title_nl": "Precare",
        "title_fr": "Precare",
        "title_en": "Precare",
        "slug_nl": "precare",
        "slug_fr": "precare",
        "slug_en": "precare",
        "teaser_nl": "Tijdelijk gebruik van leegstaande gebouwen, zodat kunstenaars goedkoop "
        "kunnen starten.",
        "teaser_fr": "L'occupation temporaire de bâtiments abandonnés, pour que des artistes "
        "puissent démarrer à peu de frais.",
        "teaser_en": "Temporary use of derelict buildings, so that artists can start out at "
        "low cost.",
        "body_nl": "<p>Van 1999 tot 2009 bracht Precare eigenaars van leegstaande panden en "
        "beginnende kunstenaars samen. Gebouwen die wachtten op een nieuwe bestemming werden "
        "tijdelijk werkplek; zo ontstonden onder meer Cinema Nova en Bains Connective.</p>",
        "body_fr": "<p>De 1999 à 2009, Precare a réuni propriétaires de bâtiments vides et "
        "artistes débutants. Des immeubles en attente d'affectation sont devenus des lieux de "
        "travail temporaires ; c'est ainsi que sont nés, entre autres, le Cinéma Nova et Bains "
        "Connective.</p>",
        "body_en": "<p>From 1999 to 2009 Precare brought owners of empty buildings together "
        "with artists starting out. Buildings waiting for a new use became temporary "
        "workplaces; Cinema Nova and Bains Connective were among the results.</p>",
        "cover_alt_nl": "Placeholder-afbeelding voor Precare",
        "cover_alt_fr": "Image provisoire pour Precare",
        "cover_alt_en": "Placeholder image for Precare",
        "start_year": 1999,
        "end_year": 2009,
        "cities": ["brussels"],
        "themes": ["economy"],
    },
    {
        "title_nl": "PleinOPENair",
        "title_fr": "PleinOPENair",
        "title_en": "PleinOPENair",
        "slug_nl": "pleinopenair",
        "slug_fr": "pleinopenair",
        "slug_en": "pleinopenair",
        "teaser_nl": "Acht zomers lang een gratis openluchtcinema in Brusselse wijken in "
        "verandering.",
        "teaser_fr": "Pendant huit étés, un cinéma gratuit en plein air dans des quartiers "
        "bruxellois en mutation.",
        "teaser_en": "For eight summers, a free open-air cinema in Brussels neighbourhoods in "
        "transition.",
        "body_nl": "<p>Vanaf 1998 trok PleinOPENair acht zomers lang met een gratis "
        "openluchtcinema door Brusselse wijken in verandering. In 2004 streek het festival neer "
        "in leeggekomen overheidsgebouwen in het noorden van Brussel.</p>",
        "body_fr": "<p>À partir de 1998, PleinOPENair a promené pendant huit étés un cinéma "
        "gratuit en plein air dans des quartiers bruxellois en mutation. En 2004, le festival "
        "s'est installé dans des bâtiments publics vidés, au nord de Bruxelles.</p>",
        "body_en": "<p>From 1998, for eight summers, PleinOPENair toured Brussels "
        "neighbourhoods in transition with a free open-air cinema. In 2004 it settled in "
        "vacated government buildings in the north of Brussels.</p>",
        "cover_alt_nl": "Placeholder-afbeelding voor PleinOPENair",
        "cover_alt_fr": "Image provisoire pour PleinOPENair",
        "cover_alt_en": "Placeholder image for PleinOPENair",
        "start_year": 1998,
        "end_year": 2005,
        "cities": ["brussels"],
        "themes": ["democracy"],
    },
]
