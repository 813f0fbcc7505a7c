from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Images")

    def ready(self):
        from media import images, unused_files
        from operations.signals import restored

        unused_files.connect_signals()
        restored.connect(images.make_all_copies, dispatch_uid="make-copies")
