from django import template

from media.images import picture_of

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, kind, alt, sizes="100vw", lazy=True, priority=False, css_class=""):
    """The one markup for every image the site shows:
    `{% picture project.cover "cover" project.cover_alt sizes="…" lazy=False priority=True %}`,
    where `image` is a picture of the library (or an UploadedImageField's file).

    `alt` is read as an attribute (modeltranslation's fallback): an attribute cannot hold
    the `<span lang>` that `{% translated %}` wraps fallback text in."""
    return {
        "picture": picture_of(image, kind),
        "alt": alt,
        "sizes": sizes,
        "lazy": lazy,
        "priority": priority,
        "css_class": css_class,
    }
