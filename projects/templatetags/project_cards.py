from django import template

from projects.cards import project_cards

register = template.Library()


@register.inclusion_tag("projects/_card_grid.html")
def card_grid(ids, heading="h2", eager=0):
    """`{% card_grid project_ids heading="h3" eager=4 %}`: the projects' cards, each
    rendered once and cached (projects/cards.py)."""
    return {"cards": project_cards(ids, heading, eager)}
