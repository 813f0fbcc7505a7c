from django.utils.html import format_html

from media.images import renditions


def thumbnail(image_field, kind, alt=""):
    """A small picture of an image for admin lists: the resized copies the site shows as
    `kind` (so usually made already), the browser taking the smallest, never the original
    of up to several megabytes. A dash when there is none or its file is lost."""
    picture = renditions(image_field, kind)
    if picture is None:
        return "–"
    return format_html(
        '<img src="{}" srcset="{}" sizes="60px" alt="{}" width="60" height="40"'
        ' class="admin-thumbnail">',
        picture["src"],
        picture["srcset"],
        alt,
    )
