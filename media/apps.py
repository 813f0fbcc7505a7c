from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Images")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from caching.invalidation import content_changed
        from content.fields import PICTURE_CHOOSER
        from content.figures import draw_pictures_with
        from media import images, rich_text, unused_files
        from media.models import Image
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
        # Texts refer to library pictures; they are drawn as they are now.
        draw_pictures_with(rich_text.draw)
        PICTURE_CHOOSER.update(rich_text.EDITOR_BUTTON)
        # A picture's new description or file shows on every page that draws it. (The
        # same uid as caching's own watch: connected once, whoever connects it first.)
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=Image, dispatch_uid="cache")
