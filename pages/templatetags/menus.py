from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_mark(context):
    """What tells the menus of two pages apart (`{% keep "menu" mark %}`): the item shown,
    when the menu lists it, else the section (the view's name), which the menu marks as
    current."""
    shown = context.get("object")
    listed = [
        item
        for top in context.get("menu_pages") or ()
        for item in (top, *getattr(top, "menu_children", ()))
    ]
    if shown is not None and shown in listed:
        return f"item:{shown.pk}"
    match = getattr(context.get("request"), "resolver_match", None)
    return f"view:{match.view_name}" if match else "none"


@register.simple_tag(takes_context=True)
def section_pages(context):
    """The pages of the section the shown page belongs to, its top page first, when it
    has sub-pages in the menu: the section's own navigation (the wide header lists only
    the top pages, where a second line of small links read as stray items)."""
    shown = context.get("object")
    for top in context.get("menu_pages") or ():
        children = list(getattr(top, "menu_children", ()))
        if children and shown in (top, *children):
            return [top, *children]
    return []
