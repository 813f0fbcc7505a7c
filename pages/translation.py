from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "description", "body")
    # Slugs are unique per language; an empty one must be NULL, not "", or the second
    # page without a French slug would clash with the first.
    empty_values = {"slug": None, "description": "", "body": ""}
