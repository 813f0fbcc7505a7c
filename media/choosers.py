"""The image chooser: the dialog in which staff pick a library picture for a cover, a
gallery, a logo or a text, or upload one into the library and pick it at once.

The dialog's parts are drawn here, in the staff's language; static/js/image_chooser.js
opens them in a `<dialog>`, asks again as staff type, and hands the choice to the field
(media/widgets.py) or the text editor (static/js/prose_editor.js). The admin site wraps
these views (staff only), and each asks for the library's own permissions."""

from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Value
from django.db.models.lookups import Contains
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from content.models import LANGUAGE_CODES, shown_value, translated_field_names
from content.search_vectors import Folded
from media.images import picture_of
from media.models import Collection, Image

PER_PAGE = 24
MAX_QUERY_LENGTH = 100


def found_images(query, collection=None):
    """The library's pictures whose title or description, in any language, holds every
    word of `query`, whatever its accents and capitals; newest first."""
    images = Image.objects.select_related("collection")
    columns = translated_field_names("title", "alt")
    for word in query.split():
        wanted = Folded(Value(word))
        images = images.filter(
            reduce(or_, (Contains(Folded(column), wanted) for column in columns))
        )
    if collection:
        images = images.filter(collection_id=collection)
    return images


def described(image):
    """What the chooser shows of a picture and hands to the field that chose it."""
    picture = picture_of(image, "card") or {}
    return {
        "id": image.pk,
        "title": shown_value(image, "title", get_language())[0] or str(image.pk),
        "src": picture.get("src", ""),
        "srcset": picture.get("srcset", ""),
    }


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by title or description, in any language"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=Collection.objects.all(),
        required=False,
        empty_label=_("All collections"),
    )


def image_chooser(request):
    """The dialog's content, or only its results (`?results=1`, asked as staff type
    or turn a page), or one picture's description as JSON (`?describe=<id>`)."""
    if not request.user.has_perm("media.view_image"):
        raise PermissionDenied
    if (wanted := request.GET.get("describe", "")).isdigit():
        # What the text editor shows of a picture a text refers to.
        image = Image.objects.filter(pk=wanted).first()
        return JsonResponse(described(image) if image else {}, status=200 if image else 404)
    search = SearchForm(request.GET, auto_id="chooser-%s")
    search.is_valid()
    query = (search.cleaned_data.get("q") or "")[:MAX_QUERY_LENGTH]
    collection = search.cleaned_data.get("collection")
    page = Paginator(found_images(query, collection), PER_PAGE).get_page(request.GET.get("page"))
    multiple = request.GET.get("multiple") == "1"
    context = {
        "search": search,
        "page": page,
        "images": [described(image) for image in page.object_list],
        "multiple": multiple,
        "query_string": _query_string(query, collection, multiple),
        "chooser_url": reverse("admin:image_chooser"),
    }
    if request.GET.get("results"):
        return render(request, "media/chooser/results.html", context)
    if request.user.has_perm("media.add_image"):
        context["upload"] = UploadForm(auto_id="chooser-upload-%s")
    return render(request, "media/chooser/chooser.html", context)


def _query_string(query, collection, multiple):
    parts = {"q": query, "collection": collection.pk if collection else "", "results": "1"}
    if multiple:
        parts["multiple"] = "1"
    return urlencode(parts)


def staff_language():
    """The language new descriptions are written in: the admin's, when the site has it."""
    language = get_language()
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


class UploadForm(forms.ModelForm):
    """A picture uploaded from the chooser, with its title and description in the
    staff's language (the library's screens add the others). The file is checked as
    everywhere (media.images.CheckedImageField)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Empty: the file's name."),
    )
    alt = forms.CharField(
        label=_("Description"),
        max_length=300,
        help_text=_("What the picture shows, for people who cannot see it."),
    )

    field_order = ["file", "title", "alt", "collection"]

    class Meta:
        model = Image
        fields = ["file", "collection"]

    def save(self, commit=True):
        image = super().save(commit=False)
        language = staff_language()
        title = self.cleaned_data["title"] or self._name_of_file()
        setattr(image, f"title_{language}", title)
        setattr(image, f"alt_{language}", self.cleaned_data["alt"])
        if commit:
            image.save()
        return image

    def _name_of_file(self):
        name = self.cleaned_data["file"].name.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0].replace("_", " ").replace("-", " ").strip() or name


@require_POST
def image_chooser_upload(request):
    """A new picture in the library, chosen at once: its description as JSON, or the
    form again with its errors (status 400), nothing lost."""
    if not request.user.has_perm("media.add_image"):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES, auto_id="chooser-upload-%s")
    if not form.is_valid():
        return render(request, "media/chooser/upload.html", {"upload": form}, status=400)
    image = form.save(commit=False)
    image.uploaded_by = request.user
    image.save()
    return JsonResponse(described(image), status=201)
