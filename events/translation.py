from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "teaser", "body", "venue_name", "venue_address")
    # Empty slugs are stored as NULL so that several events may lack one language.
    empty_values = {"slug": None}
