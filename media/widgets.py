"""The image chooser as a form field's widget, for every foreign key to a library
picture in the admin (covers, gallery pictures, logos): the chosen picture's thumbnail
and title, "Choose a picture" (the dialog of media/choosers.py, drawn by
static/js/image_chooser.js) and "Clear". Without JavaScript it is the picture's number
in the library, typed in.

`ImageChooserAdmin` gives it to every such key of a ModelAdmin and of its inlines,
without naming the fields: staff/admin.py's base of every admin screen of translated
things uses it."""

from functools import partial

from django import forms
from django.urls import reverse_lazy

from media.models import Image

from .choosers import described


class ImageChooser(forms.TextInput):
    """Its script and styles are on every admin screen (templates/admin/base_site.html),
    where the text editor's picture button needs them too."""

    template_name = "media/widgets/image_chooser.html"
    input_type = "number"

    def __init__(self, attrs=None):
        super().__init__({"min": "1", "class": "image-chooser-number", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if value not in (None, "") and str(value).isdigit():
            image = Image.objects.filter(pk=value).first()
        context["widget"].update(
            chosen=described(image) if image is not None else None,
            chooser_url=reverse_lazy("admin:image_chooser"),
        )
        return context


def chooser_formfield(db_field, kwargs):
    """The form field of a foreign key to a library picture, chosen in the chooser;
    None for any other field. A key listed in raw_id_fields gets it too: the chooser is
    what replaces typing the picture's number (which it falls back to without
    JavaScript)."""
    if db_field.many_to_one and db_field.related_model is Image:
        return db_field.formfield(**{**kwargs, "widget": ImageChooser()})
    return None


class ImageChooserAdmin:
    """A ModelAdmin's foreign keys to library pictures, and its inlines', are chosen in
    the chooser, not in a list of every picture."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return chooser_formfield(db_field, kwargs) or super().formfield_for_dbfield(
            db_field, request, **kwargs
        )

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if not isinstance(inline, ImageChooserAdmin):
                # Made afresh for each request: this instance only.
                inline.formfield_for_dbfield = partial(
                    _chosen_in_inline, inline.formfield_for_dbfield
                )
        return inlines


def _chosen_in_inline(own, db_field, request, **kwargs):
    return chooser_formfield(db_field, kwargs) or own(db_field, request, **kwargs)
