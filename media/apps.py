from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Images")

    def ready(self):
        from media import images, tasks, unused_files
        from media.models import Image
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
        restored.connect(tasks.copies_after_restore, dispatch_uid="library-copies")
        post_save.connect(tasks.copies_wanted, sender=Image, dispatch_uid="library-copies")
