from django import template

from citymined.images import renditions

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, kind, alt, sizes="100vw", lazy=True, priority=False, css_class=""):
    """`{% picture project.cover "cover" alt sizes="…" lazy=False priority=True %}`: the one markup for
    every image the site shows. `alt` is the already translated description."""
    return {
        "picture": renditions(image, kind),
        "alt": alt,
        "sizes": sizes,
        "lazy": lazy,
        "priority": priority,
        "css_class": css_class,
    }
