from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Images")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from caching.invalidation import content_changed
        from media import images, unused_files
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
        # Pages show the library's pictures and their descriptions: a changed one shows
        # at once, as an edit of the items that use it would.
        for model in self.get_models():
            for signal in (post_save, post_delete):
                signal.connect(content_changed, sender=model, dispatch_uid="cache")
