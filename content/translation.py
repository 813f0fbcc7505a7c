from modeltranslation.translator import TranslationOptions, register

from .models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    # Brussels is Brussel, Bruxelles and Brussels, and so are its streets.
    fields = ("street", "locality")
