"""`{% page_head as head %}`: what the page tells search engines and link previews.
`{% structured_data %}`: the organisation (and the project, on its page) as JSON-LD."""

from django import template

from seo import head as seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_head(context):
    return seo.page_head(context)


@register.simple_tag(takes_context=True)
def structured_data(context):
    return seo.structured_data(context)
