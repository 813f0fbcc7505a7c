from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.models import Content, PublishedQuerySet
from media.models import Image
from projects.models import Partner, Project


class NewsQuerySet(PublishedQuerySet):
    def newest_first(self):
        return self.published().order_by("-published_at", "-pk")


class News(Content):
    """A piece of news. Its date is its publication date: the list, the archive by year
    and the feeds go by it, and an item dated later appears on that day by itself."""

    teaser = models.CharField(
        _("teaser"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists, search engines and link previews."),
    )
    # From the library, where its description is kept in every language.
    cover = models.ForeignKey(
        Image,
        verbose_name=_("cover image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_covers",
    )
    projects = models.ManyToManyField(
        Project, verbose_name=_("projects"), related_name="news", blank=True
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners and funders"), related_name="news", blank=True
    )

    objects = NewsQuerySet.as_manager()

    summary_field = "teaser"
    og_type = "article"
    slug_taken_message = _("Another news item already uses this address.")

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The list, the archive, the feeds and the sitemap read the newest first.
            models.Index(fields=["status", "published_at"], name="news_dates"),
        ]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def reserved_slug(self, slug, language):
        # /news/2025/ is the archive of a year.
        if slug.isdigit():
            return _("An address of digits only is kept for the archive of a year.")
        return None

    def linked_data(self, head):
        return {
            "@type": "NewsArticle",
            "headline": head["title"],
            "description": head["description"],
            "url": head["canonical"],
            "image": head["image"],
            "datePublished": self.published_at.isoformat(),
            "dateModified": self.updated_at.isoformat(),
            "publisher": {"@id": head["organisation_id"]},
            "author": {"@id": head["organisation_id"]},
        }
