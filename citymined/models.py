from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """Remembers which pieces of initial content were created, so `load_initial_data`
    never creates them twice, nor brings back what an editor changed or deleted."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("initial content record")
        verbose_name_plural = _("initial content records")

    def __str__(self):
        return self.key
