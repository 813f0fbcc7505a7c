"""Content the browser tests add to the initial content: a project's picture gallery."""

from projects.initial_content import placeholder
from projects.models import GalleryImage

GALLERY = [
    {
        "image_alt_nl": "Buurtbewoners rond een werktafel vol batterijen (placeholder)",
        "image_alt_fr": "Des habitants autour d'une table couverte de piles (placeholder)",
        "image_alt_en": "Neighbours around a work table covered in batteries (placeholder)",
        "caption_nl": "Een herstelatelier in de wijk",
        "caption_fr": "Un atelier de réparation dans le quartier",
        "caption_en": "A repair workshop in the neighbourhood",
    },
    {
        "image_alt_nl": "Een fietskar met zonnepanelen op een plein (placeholder)",
        "image_alt_fr": (
            "Une remorque de vélo avec des panneaux solaires sur une place (placeholder)"
        ),
        "image_alt_en": "A bicycle trailer with solar panels on a square (placeholder)",
        "caption_nl": "Zonne-energie op wielen, Anneessensplein",
        "caption_fr": "L'énergie solaire sur roues, place Anneessens",
        "caption_en": "Solar power on wheels, Place Anneessens",
    },
    {
        "image_alt_nl": "Kinderen tekenen een kaart van hun straat (placeholder)",
        "image_alt_fr": "Des enfants dessinent la carte de leur rue (placeholder)",
        "image_alt_en": "Children drawing a map of their street (placeholder)",
        "caption_nl": "",
        "caption_fr": "",
        "caption_en": "",
    },
]


def add_gallery(project):
    """Give `project` a gallery of three placeholder pictures, one without a caption."""
    for order, texts in enumerate(GALLERY):
        image = GalleryImage(project=project, order=order, **texts)
        picture = placeholder(f"{project.title_en} {order + 1}", (1200, 900), "#37474f", "JPEG")
        image.image.save(f"{project.slug_en}-{order + 1}.jpg", picture, save=False)
        image.save()
