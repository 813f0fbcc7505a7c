from django import template
from django.utils.translation import get_language

from content.models import shown_value
from media.images import picture_of, renditions
from media.models import Image

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, kind, alt=None, sizes="100vw", lazy=True, priority=False, css_class=""):
    """The one markup for every image the site shows, a picture of the library
    (media.models.Image): `{% picture project.cover "cover" sizes="…" lazy=False %}`.

    Its description is the picture's, in the reader's language or, while that lacks
    one, in the first of its fallbacks that has one: the `<img>` then carries that
    language's `lang` (which an attribute cannot carry itself). `alt` given replaces it
    (read as an attribute, in no language of its own); an image file rather than an
    Image is drawn with `alt` alone."""
    alt_language = ""
    if isinstance(image, Image):
        drawn = picture_of(image, kind)
        if alt is None:
            language = get_language()
            alt, code = shown_value(image, "alt", language)
            alt_language = code if code and code != language else ""
    else:
        drawn = renditions(image, kind)
    return {
        "picture": drawn,
        "alt": alt or "",
        "alt_language": alt_language,
        "sizes": sizes,
        "lazy": lazy,
        "priority": priority,
        "css_class": css_class,
    }
