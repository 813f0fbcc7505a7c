from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Library")

    def ready(self):
        from django.db.models.signals import post_save

        from content.fields import PICTURE_CHOOSER
        from content.figures import draw_pictures_with
        from media import images, rich_text, tasks, unused_files
        from media.models import Image
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
        # Texts refer to library pictures; they are drawn as they are now.
        draw_pictures_with(rich_text.draw)
        PICTURE_CHOOSER.update(rich_text.EDITOR_BUTTON)
        restored.connect(tasks.copies_after_restore, dispatch_uid="library-copies")
        post_save.connect(tasks.copies_wanted, sender=Image, dispatch_uid="library-copies")
