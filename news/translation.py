from modeltranslation.translator import TranslationOptions, register

from .models import News


@register(News)
class NewsTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "teaser", "body")
    # Empty slugs are stored as NULL so that several items may lack one language.
    empty_values = {"slug": None}
