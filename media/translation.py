from modeltranslation.translator import TranslationOptions, register

from .models import Collection, Document, Image


@register(Collection)
class CollectionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("title", "alt", "caption", "credit")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
