from django import template

from media.offered import documents_of

register = template.Library()


@register.inclusion_tag("includes/documents.html")
def documents(item):
    """The "Documents" list of any item that offers documents (media/offered.py):
    `{% documents object %}`; nothing when it offers none."""
    return {"documents": documents_of(item)}
