"""`{% keep %}`: a template fragment rendered once per process, language and version
of that language's pages."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from caching.fragments import FRAGMENTS, until_language_changes

register = template.Library()


@register.tag
def keep(parser, token):
    """`{% keep "name" value… %}…{% endkeep %}`: what is inside, drawn once per process,
    language and version of that language's pages, and for each set of the values
    named, which must tell apart all it shows but the content (caching/fragments.py).

    Never around what a visitor typed (each different value is kept), nor around a tag
    that sets a variable for later: a kept copy sets none. A value that is missing
    draws it every time, as does DEBUG, so that a template's edit shows at once."""
    names = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not names:
        raise template.TemplateSyntaxError("{% keep %} needs a name.")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, names)


class KeepNode(template.Node):
    """What `{% keep %}` encloses, and the values that tell its copies apart."""

    def __init__(self, nodelist, names):
        self.nodelist = nodelist
        self.names = names

    def render(self, context):
        values = [name.resolve(context) for name in self.names]
        if settings.DEBUG or any(value in (None, "") for value in values):
            return self.nodelist.render(context)
        language = get_language()
        key = ("fragment", language, *map(str, values))
        drawn = until_language_changes(
            [key], lambda keys: {key: self.nodelist.render(context)}, language, FRAGMENTS
        )
        return drawn[key]
