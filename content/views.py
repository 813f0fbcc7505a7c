from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from content.models import FormerAddress


class PreviewMixin:
    """Staff who may edit an item see it with `?preview` even while it is a draft.
    Nobody else does, and search engines are told not to index previews."""

    def is_preview(self):
        opts = self.model._meta
        return "preview" in self.request.GET and self.request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def get_queryset(self):
        if self.is_preview():
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.is_preview(), **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview"):
            response["X-Robots-Tag"] = "noindex"
            add_never_cache_headers(response)
            # The admin's preview shows it in a frame (at a phone's width, say); no
            # other site may frame it.
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        return response


class ItemGone(Exception):
    """The address belonged to an item that has been deleted."""


class TranslatedSlugDetailView(PreviewMixin, DetailView):
    """A published object found by its slug in any language.

    A visitor who follows a link with another language's slug (the Dutch slug under the
    French prefix) is sent, permanently, to the slug of the language they are reading."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        # The slug of the language being read first: one column, unique, indexed, and
        # no order (an ordering index would lead the database to walk every published
        # item looking for the slug). Any language's only when that finds nothing: the
        # look-up is built only then, as building one costs as much as running it.
        try:
            return queryset.get(**{f"slug_{get_language()}": slug})
        except self.model.DoesNotExist:
            obj = queryset.with_slug(slug).order_by("pk").first()
        if obj is not None:
            return obj
        # An address it had before a rename leads to it still; one of a deleted item
        # says so.
        former_owner = FormerAddress.owner(self.model, slug)
        if former_owner is not None:
            obj = queryset.filter(pk=former_owner).first()
            if obj is not None:
                return obj
            if not self.model._base_manager.filter(pk=former_owner).exists():
                raise ItemGone
        raise Http404(_("No such page."))

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except ItemGone:
            return error_page(
                request,
                410,
                _("Page removed"),
                _("What was published at this address has been removed from the site."),
            )
        # `slug` reads the active language's slug, or its fallback when it has none.
        if self.object.slug != kwargs["slug"]:
            url = self.object.get_absolute_url()
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
            return redirect(url, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))


def error_page(request, status, title, lead):
    context = {"code": status, "page_title": title, "lead": lead}
    return render(request, "error.html", context, status=status)


def page_not_found(request, exception):
    return error_page(
        request,
        404,
        _("Page not found"),
        _("This page does not exist, or it is no longer published."),
    )
