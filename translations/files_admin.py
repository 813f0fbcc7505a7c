"""The translators' file round trip in the admin: download a file (from a screen, or
from a change list's "Export for translation" action), upload it back, see what it
would change, apply it.

Between the preview and the apply the file travels in the form itself, signed for the
user who uploaded it, so nothing is stored and nothing is lost if they walk away; the
apply checks the file again and writes only if the plan is still the one shown."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from translations.files import (
    FORMATS,
    apply,
    check_file,
    export_entries,
    may_translate,
    write_file,
)
from translations.status import is_part, translated_models

MAX_FILE_SIZE = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
TOKEN_SALT = "translations.files.upload"
TOKEN_MAX_AGE = 24 * 60 * 60
CONTENT_TYPES = {"xliff": "application/x-xliff+xml", "po": "text/x-gettext-translation"}


def languages_for(user):
    return [(code, name) for code, name in settings.LANGUAGES if may_translate(user, code)]


def model_choices():
    return [
        (model._meta.label_lower, capfirst(model._meta.verbose_name_plural))
        for model in translated_models()
        if not is_part(model)
    ]


def model_of(label):
    return {model._meta.label_lower: model for model in translated_models()}[label]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"))
    file_format = forms.ChoiceField(
        label=_("File format"),
        choices=[
            ("xliff", _("XLIFF 1.2 (OmegaT, memoQ, Trados)")),
            ("po", _("PO (Poedit, Weblate)")),
        ],
        initial="xliff",
        widget=forms.RadioSelect,
    )
    everything = forms.TypedChoiceField(
        label=_("Which texts"),
        choices=[
            ("", _("Only what is missing or out of date")),
            ("1", _("Everything, with the translations so far")),
        ],
        coerce=bool,
        empty_value=False,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    models = forms.MultipleChoiceField(
        label=_("Kinds of content"),
        help_text=_("None ticked: all content. Images go with their project."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Set by a change list's action: those items only.
    selected_model = forms.CharField(required=False, widget=forms.HiddenInput)
    selected_ids = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].choices = languages_for(user)
        self.fields["models"].choices = model_choices()

    def clean_selected_ids(self):
        ids = [part for part in self.cleaned_data["selected_ids"].split(",") if part]
        if not all(part.isdigit() for part in ids):
            raise forms.ValidationError(_("The selection is not one this site made."))
        return ids

    def clean(self):
        cleaned = super().clean()
        label = cleaned.get("selected_model")
        if label and label not in dict(self.fields["models"].choices):
            raise forms.ValidationError(_("The selection is not one this site made."))
        language = cleaned.get("language")
        selection = self.selection() if not self.errors else None
        if language and not may_translate(self.user, language, selection and list(selection)):
            self.add_error("language", _("You may not translate this content into that language."))
        return cleaned

    def selection(self):
        """{model: queryset} of what to export; None for the whole site."""
        cleaned = self.cleaned_data
        if cleaned.get("selected_model"):
            model = model_of(cleaned["selected_model"])
            return {model: model._default_manager.filter(pk__in=cleaned["selected_ids"])}
        if cleaned.get("models"):
            return {
                model_of(label): model_of(label)._default_manager.all()
                for label in cleaned["models"]
            }
        return None


class UploadForm(forms.Form):
    language = forms.ChoiceField(label=_("Translated into"))
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("The XLIFF (.xlf) or PO (.po) file exported here, once translated."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages_for(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_SIZE // 2**20}
            )
        return upload


@admin.action(description=_("Export for translation"))
def export_for_translation(modeladmin, request, queryset):
    """Takes the selected items to the export screen, which asks for the language."""
    query = urlencode(
        {
            "selected_model": queryset.model._meta.label_lower,
            "selected_ids": ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)),
        }
    )
    return redirect(f"{reverse('admin:translation_export')}?{query}")


def urls(site):
    return [
        path(
            "translations/export/",
            site.admin_view(ExportView(site).as_view),
            name="translation_export",
        ),
        path(
            "translations/import/",
            site.admin_view(ImportView(site).as_view),
            name="translation_import",
        ),
    ]


def _require_translator(request):
    if not languages_for(request.user):
        raise PermissionDenied


class ExportView:
    def __init__(self, site):
        self.site = site

    def as_view(self, request):
        _require_translator(request)
        data = request.POST if request.method == "POST" else None
        initial = {key: request.GET.get(key, "") for key in ("selected_model", "selected_ids")}
        form = ExportForm(data, initial=initial, user=request.user)
        if data is not None and form.is_valid():
            return self.download(form)
        context = {
            **self.site.each_context(request),
            "title": _("Export for translation"),
            "form": form,
            "selected": _selected_count(form),
        }
        return TemplateResponse(request, "admin/translation_files/export.html", context)

    def download(self, form):
        language, file_format = form.cleaned_data["language"], form.cleaned_data["file_format"]
        entries = export_entries(language, form.selection(), form.cleaned_data["everything"])
        content = write_file(entries, language, file_format)
        name = f"citymined-{language}-{timezone.localdate():%Y-%m-%d}.{FORMATS[file_format]}"
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _selected_count(form):
    data = form.data if form.is_bound else form.initial
    ids = [part for part in (data.get("selected_ids") or "").split(",") if part]
    if not (data.get("selected_model") and ids):
        return None
    models = {model._meta.label_lower: model for model in translated_models()}
    model = models.get(data.get("selected_model"))
    return {"count": len(ids), "kind": model._meta.verbose_name_plural} if model else None


class ImportView:
    def __init__(self, site):
        self.site = site

    def as_view(self, request):
        _require_translator(request)
        if request.method == "POST" and "token" in request.POST:
            return self.apply(request)
        form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            content = form.cleaned_data["file"].read()
            plan = check_file(content, request.user, form.cleaned_data["language"])
            return self.preview(request, form, plan, content, form.cleaned_data["file"].name)
        return self.render(request, {"form": form})

    def preview(self, request, form, plan, content, filename):
        token = None
        if not plan.refused and (plan.changes or plan.identical):
            token = signing.dumps(
                {
                    "content": content.decode("utf-8-sig"),
                    "name": filename,
                    "language": plan.language,
                },
                salt=f"{TOKEN_SALT}:{request.user.pk}",
                compress=True,
            )
        return self.render(
            request,
            {"form": form, "plan": plan, "token": token, "filename": filename},
        )

    def apply(self, request):
        try:
            upload = signing.loads(
                request.POST["token"], salt=f"{TOKEN_SALT}:{request.user.pk}", max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, gettext("This preview has expired: upload the file again."))
            return redirect("admin:translation_import")
        content = upload["content"].encode()
        # The entries identical to their source that the translator ticked as meant.
        plan = check_file(
            content,
            request.user,
            upload["language"],
            accept_identical=set(request.POST.getlist("identical")),
        )
        form = UploadForm(initial={"language": upload["language"]}, user=request.user)
        if plan.refused or plan.fingerprint() != request.POST.get("fingerprint"):
            messages.warning(
                request,
                gettext("The content changed since the preview: check the changes again."),
            )
            return self.preview(request, form, plan, content, upload["name"])
        comment = gettext("Translations imported from the file %(name)s") % {"name": upload["name"]}
        apply(plan, request.user, comment)
        messages.success(request, _summary(plan))
        return redirect("admin:translation_import")

    def render(self, request, context):
        context = {
            **self.site.each_context(request),
            "title": _("Import translations"),
            **context,
        }
        return TemplateResponse(request, "admin/translation_files/import.html", context)


def _summary(plan):
    written, confirmed = len(plan.writes), len(plan.confirms)
    identical = len(plan.identical)
    return " ".join(
        [
            ngettext(
                "%(count)d translation was saved.", "%(count)d translations were saved.", written
            )
            % {"count": written},
            ngettext(
                "%(count)d was marked up to date.", "%(count)d were marked up to date.", confirmed
            )
            % {"count": confirmed},
        ]
        + (
            [
                ngettext(
                    "%(count)d entry identical to its source was left out.",
                    "%(count)d entries identical to their source were left out.",
                    identical,
                )
                % {"count": identical}
            ]
            if identical
            else []
        )
    )
