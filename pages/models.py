from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content.models import Content, PublishedQuerySet
from media.offered import OfferedDocument


class PageQuerySet(PublishedQuerySet):
    def in_menu(self):
        return self.published().filter(Page.IN_MENU)


class Page(Content):
    IN_MENU = models.Q(show_in_menu=True, is_home=False)

    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown by search engines and link previews."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Sub-pages appear under their parent in the menu."),
    )
    is_home = models.BooleanField(
        _("home page"), default=False, help_text=_("The page shown at the site's address.")
    )
    show_in_menu = models.BooleanField(_("show in menu"), default=True)
    show_in_footer = models.BooleanField(_("show in footer"), default=False)
    show_contact = models.BooleanField(
        _("show contact details"),
        default=False,
        help_text=_("Show the organisation's address, e-mail and phone under the text."),
    )
    menu_order = models.PositiveIntegerField(_("menu order"), default=0, db_index=True)

    objects = PageQuerySet.as_manager()

    summary_field = "description"
    shown_only_on_its_page = ("body", "description")
    slug_taken_message = _("Another page already uses this address.")

    class Meta:
        ordering = ["menu_order", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"],
                condition=models.Q(is_home=True),
                name="one_home_page",
                violation_error_message=_("Only one page can be the home page."),
            )
        ]

    def get_absolute_url(self):
        if self.is_home:
            return reverse("pages:home")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A page cannot be its own parent.")})
        if self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("Choose a top-level page: menus have two levels.")})
        if self.parent and self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This page has sub-pages, so it must stay at the top level.")}
            )

    def validate_translated_slugs(self):
        # The home page lives at the language's root and needs no slug.
        if not self.is_home:
            super().validate_translated_slugs()

    def reserved_slug(self, slug, language):
        if _path_is_taken(slug, language):
            return _("This address is reserved for another part of the site.")
        return None


def _path_is_taken(slug, language):
    """True when /<language>/<slug>/ already leads to another section of the site."""
    # Resolved in that language too: the other sections' translated paths (soutiens/,
    # projets/) and the language prefix only match while it is active.
    with translation.override(language):
        path = reverse("pages:detail", kwargs={"slug": slug})
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return match.view_name != "pages:detail"


class PageDocument(OfferedDocument):
    """A document the page offers for download (an annual report on "About us")."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="offered_documents")
