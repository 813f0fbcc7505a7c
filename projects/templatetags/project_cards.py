from django import template

from projects.cards import project_cards

register = template.Library()


@register.inclusion_tag("projects/_card_grid.html")
def card_grid(ids, heading="h2", eager=0, featured=False):
    """`{% card_grid project_ids heading="h3" eager=4 %}`: the projects' cards, each
    rendered once and cached (projects/cards.py). `featured`: the few the home page puts
    forward, which share the row's whole width however many there are."""
    return {"cards": project_cards(ids, heading, eager, featured), "featured": featured}
