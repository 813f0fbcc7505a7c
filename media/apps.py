from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Library")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from caching.invalidation import content_changed
        from content.fields import PICTURE_CHOOSER
        from content.figures import draw_pictures_with
        from media import images, rich_text, tasks, unused_files
        from media.models import Document, Image
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
        # Texts refer to library pictures; they are drawn as they are now.
        draw_pictures_with(rich_text.draw)
        PICTURE_CHOOSER.update(rich_text.EDITOR_BUTTON)
        # Pages show the library's pictures and documents: a changed description or
        # file is a change of content (the caches' watch covers content apps only).
        # Collections are the admin's alone.
        for model in (Image, Document):
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(content_changed, sender=model, dispatch_uid="cache")
        restored.connect(tasks.copies_after_restore, dispatch_uid="library-copies")
        post_save.connect(tasks.copies_wanted, sender=Image, dispatch_uid="library-copies")
