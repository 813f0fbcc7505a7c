from modeltranslation.translator import TranslationOptions, register

from .models import City, GalleryImage, Partner, Project, Theme


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "description", "acknowledgement")


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "teaser", "body", "cover_caption")
    # Empty slugs are stored as NULL so that several projects may lack one language.
    empty_values = {"slug": None}


@register(GalleryImage)
class GalleryImageTranslationOptions(TranslationOptions):
    fields = ("caption",)
