"""The library's admin screens, less what staff/ adds to every translated admin (the
language tabs, translation status, history): the lists with thumbnails and where each
item is used, the upload screen (many files, each sent and answered on its own), the
same file never stored twice, the focal point, and no deletion of what is in use.

staff/admin.py registers them: this app sits below staff/ and translations/."""

import contextlib
import os

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count
from django.forms import modelform_factory
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as mt_get_language

from media.images import picture_of, renditions
from media.models import Collection, checksum_of
from media.usage import use_counts, uses_of


def thumbnail(image_field, kind, alt=""):
    """A small picture of an image for admin lists: the resized copies the site shows as
    `kind` (so usually made already), the browser taking the smallest, never the original
    of up to several megabytes. A dash when there is none or its file is lost."""
    picture = renditions(image_field, kind)
    if picture is None:
        return "–"
    return format_html(
        '<img src="{}" srcset="{}" sizes="60px" alt="{}" width="60" height="40"'
        ' class="admin-thumbnail">',
        picture["src"],
        picture["srcset"],
        alt,
    )


# The same file twice.


def duplicate_of(model, upload, exclude_pk=None):
    """The item of `model` whose file is the same as `upload`, or None."""
    found = model._base_manager.filter(checksum=checksum_of(upload))
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("pk").first()


def change_url(obj, site_name="admin"):
    """The admin address of `obj`, or None when the admin has no screen for it."""
    opts = obj._meta
    with contextlib.suppress(NoReverseMatch):
        return reverse(
            f"{site_name}:{opts.app_label}_{opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=site_name,
        )
    return None


class DuplicateCheckedForm(forms.ModelForm):
    """A new file already in the library is refused, and the form links to the item
    that holds it: one picture, however many times it is uploaded."""

    duplicate = None

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.duplicate = duplicate_of(self._meta.model, upload, self.instance.pk)
        if self.duplicate is not None:
            self.add_error(
                "file",
                forms.ValidationError(
                    format_html(
                        '{} <a href="{}">“{}”</a>. {}',
                        gettext("Already in the library:"),
                        change_url(self.duplicate),
                        self.duplicate,
                        gettext("Use that one, or choose another file."),
                    ),
                    code="duplicate",
                ),
            )
        return cleaned_data


class FocalPointField(forms.FloatField):
    """Where the subject is, as a fraction of the width or height (0 to 1): typed, or
    set by clicking the picture (js/focal_point.js)."""

    def __init__(self, **kwargs):
        kwargs.update(min_value=0, max_value=1)
        super().__init__(**kwargs)
        self.widget.attrs.update(step="0.01", inputmode="decimal", **{"class": "focal-input"})


# The upload screen.


class UploadForm(forms.Form):
    """Many files at once into one collection; each is checked as it would be on its
    own add form (its model's form), so one refused file loses none of the others."""

    collection = forms.ModelChoiceField(
        Collection.objects.all(), label=_("Collection"), required=False
    )

    def __init__(self, *args, accept="", **kwargs):
        super().__init__(*args, **kwargs)
        self.accept = accept


def title_from(file_name):
    """A first title, from the file's name: "IMG_0042" → "IMG 0042"."""
    stem = os.path.splitext(os.path.basename(file_name))[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:255] or file_name[:255]


def set_first_title(item, title):
    """The first title, in the editor's language and in the default one (which the
    form asks for): the other languages' titles are still to write, and their
    translation status says so."""
    for code in {mt_settings.DEFAULT_LANGUAGE, mt_get_language()}:
        setattr(item, build_localized_fieldname("title", code), title)


class LibraryAdminMixin:
    """What the admin of every kind of library item does (pictures and documents)."""

    upload_template = "admin/media/upload.html"
    delete_confirmation_template = "admin/media/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/media/delete_selected_confirmation.html"
    # Shown on the change form only: an item being added is used nowhere yet.
    change_only_fields = ("used_in",)
    upload_label = None
    accept = ""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/library.js"], css={"all": ["css/admin.css", "css/library.css"]}
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        shown = []
        for title, options in fieldsets:
            fields = [name for name in options["fields"] if name not in self.change_only_fields]
            if fields:
                shown.append((title, {**options, "fields": fields}))
        return shown

    def save_model(self, request, obj, form, change):
        if not change and obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    # Where it is used.

    def use_link(self, use):
        url = change_url(use.item, self.admin_site.name)
        kind = capfirst(use.item._meta.verbose_name)
        if url is None:
            return format_html("{} “{}” ({})", kind, use.item, use.where)
        return format_html('{} <a href="{}">“{}”</a> ({})', kind, url, use.item, use.where)

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        uses = uses_of(obj)
        if not uses:
            return gettext("Nowhere yet: it can be deleted.")
        return format_html(
            '<ul class="library-uses">{}</ul>',
            format_html_join("", "<li>{}</li>", ((self.use_link(use),) for use in uses)),
        )

    @admin.display(description=_("used"))
    def use_count(self, obj):
        count = getattr(obj, "_use_count", 0)
        if not count:
            return gettext("nowhere")
        return ngettext("%(count)s place", "%(count)s places", count) % {"count": count}

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        counts = use_counts(changelist.result_list)
        for obj in changelist.result_list:
            obj._use_count = counts.get(obj.pk, 0)
        return changelist

    # Deleting: refused while the item is used, with where.

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        objs = list(objs)
        listed = [
            self.use_link(use)
            if len(objs) == 1
            else format_html("“{}”: {}", obj, self.use_link(use))
            for obj in objs
            for use in uses_of(obj)
        ]
        # The uses replace Django's protected rows: the same, said where staff edit them.
        return deleted, counts, perms_needed, listed or protected

    # Uploading many files.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name=f"{opts.app_label}_{opts.model_name}_upload",
            ),
            *super().get_urls(),
        ]

    def upload_url(self):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_upload", current_app=self.admin_site.name
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            extra_context.update(upload_url=self.upload_url(), upload_label=self.upload_label)
        return super().changelist_view(request, extra_context)

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST if posted else None, accept=self.accept)
        results = []
        if posted and form.is_valid():
            collection = form.cleaned_data["collection"]
            results = [
                self.upload_one(request, upload, collection)
                for upload in request.FILES.getlist("files")
            ]
            if request.POST.get("one") and results:
                # One file sent by js/library.js: its result alone.
                return TemplateResponse(
                    request, "admin/media/upload_result.html", {"result": results[0]}
                )
            if not results:
                form.add_error(None, gettext("Choose at least one file."))
        opts = self.model._meta
        added = [result["item"].pk for result in results if result["status"] == "added"]
        context = {
            **self.admin_site.each_context(request),
            "title": self.upload_label,
            "subtitle": None,
            "opts": opts,
            "form": form,
            "results": results,
            "added_list_url": self.added_list_url(added),
            "changelist_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            ),
            "media": forms.Media(
                js=["js/library.js"], css={"all": ["css/admin.css", "css/library.css"]}
            ),
            "max_request": settings.REQUEST_BODY_MAX_BYTES,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.upload_template, context)

    def added_list_url(self, pks):
        if not pks:
            return None
        opts = self.model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        return f"{url}?id__in={','.join(str(pk) for pk in pks)}"

    def upload_one(self, request, upload, collection):
        """The result of one file: added (with where to describe it), already in the
        library (with where it is), or refused (with why)."""
        form_class = modelform_factory(
            self.model, form=DuplicateCheckedForm, fields=["file", "collection"]
        )
        form = form_class(
            data={"collection": collection.pk if collection else ""}, files={"file": upload}
        )
        set_first_title(form.instance, title_from(upload.name))
        result = {"name": upload.name, "item": None, "errors": []}
        if form.is_valid():
            with transaction.atomic(), self._revision(request):
                item = form.save(commit=False)
                item.uploaded_by = request.user
                item.save()
                self.log_addition(request, item, [{"added": {}}])
            result.update(status="added", item=item)
        elif form.duplicate is not None:
            result.update(status="duplicate", item=form.duplicate)
        else:
            result.update(status="refused", errors=[str(e) for e in form.errors.get("file", [])])
            result["errors"] += [str(e) for e in form.non_field_errors()]
        if result["item"] is not None:
            result["url"] = change_url(result["item"], self.admin_site.name)
            result["thumbnail"] = self.result_thumbnail(result["item"])
        return result

    def _revision(self, request):
        # The history's first version, as the add form keeps one (SafeEditingAdmin).
        create_revision = getattr(self, "create_revision", None)
        return create_revision(request) if create_revision else contextlib.nullcontext()

    def result_thumbnail(self, item):
        return ""


class ImageAdminMixin(LibraryAdminMixin):
    list_display = [
        "list_thumbnail",
        "title",
        "translation_status",
        "collection",
        "dimensions",
        "use_count",
    ]
    list_display_links = ["title"]
    list_filter = ["collection"]
    list_per_page = 50
    list_select_related = ["collection"]
    fieldsets = [
        (None, {"fields": ["file", "title", "collection"]}),
        (_("Description"), {"fields": ["alt", "caption", "credit"]}),
        (_("Focal point"), {"fields": ["focal_point", "focal_x", "focal_y"]}),
        (_("Where it is used"), {"fields": ["used_in"]}),
        (_("About the file"), {"fields": ["dimensions", "uploaded_by", "created_at"]}),
    ]
    readonly_fields = ["focal_point", "used_in", "dimensions", "uploaded_by", "created_at"]
    change_only_fields = ("focal_point", "used_in", "dimensions", "uploaded_by", "created_at")
    upload_label = _("Upload pictures")
    accept = "image/jpeg,image/png,image/webp"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("focal_x", "focal_y"):
            kwargs["form_class"] = FocalPointField
            kwargs["help_text"] = (
                _("From 0 (the left edge) to 1 (the right edge); empty: the middle.")
                if db_field.name == "focal_x"
                else _("From 0 (the top) to 1 (the bottom); empty: the middle.")
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("picture"))
    def list_thumbnail(self, obj):
        # The title stands beside it: the picture adds nothing to say.
        return thumbnail(obj.file, "card")

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        if not obj.width or not obj.height:
            return "–"
        return gettext("%(width)s × %(height)s pixels") % {"width": obj.width, "height": obj.height}

    @admin.display(description=_("focal point"))
    def focal_point(self, obj):
        picture = picture_of(obj, "gallery")
        if picture is None:
            return gettext("The file cannot be read: type the focal point below.")
        return render_to_string("admin/media/focal_point.html", {"picture": picture, "image": obj})

    def result_thumbnail(self, item):
        return thumbnail(item.file, "card")


class DocumentAdminMixin(LibraryAdminMixin):
    list_display = ["title", "translation_status", "collection", "file_size", "use_count"]
    list_filter = ["collection"]
    list_per_page = 50
    list_select_related = ["collection"]
    fieldsets = [
        (None, {"fields": ["file", "title", "collection"]}),
        (_("Where it is used"), {"fields": ["used_in"]}),
        (_("About the file"), {"fields": ["file_size", "uploaded_by", "created_at"]}),
    ]
    readonly_fields = ["used_in", "file_size", "uploaded_by", "created_at"]
    change_only_fields = ("used_in", "file_size", "uploaded_by", "created_at")
    upload_label = _("Upload documents")

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size) if obj.size else "–"


class CollectionAdminMixin:
    list_display = ["name", "translation_status", "picture_count", "document_count"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                picture_total=Count("images", distinct=True),
                document_total=Count("documents", distinct=True),
            )
        )

    @admin.display(description=_("pictures"), ordering="picture_total")
    def picture_count(self, obj):
        return obj.picture_total

    @admin.display(description=_("documents"), ordering="document_total")
    def document_count(self, obj):
        return obj.document_total
