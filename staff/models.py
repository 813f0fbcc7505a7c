from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def admin_languages():
    # A callable, so that migrations name it rather than copy the table of languages.
    return settings.LANGUAGES


class StaffProfile(models.Model):
    """What a staff member chooses for themselves: the language the admin speaks to them
    (staff/preferences.py), whichever language they read the public site in, and
    whether they get e-mail about translations (notifications/)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    admin_language = models.CharField(
        _("language of the admin"),
        max_length=10,
        choices=admin_languages,
        blank=True,
        help_text=_("Leave it empty and the admin follows your browser's language."),
    )
    email_notifications = models.BooleanField(
        _("e-mail me about translations"),
        default=True,
        help_text=_(
            "A daily digest of the texts you translated whose source changed, and a "
            "mail when a translation of what you edited arrives; in the language above."
        ),
    )

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_staffprofile"
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)
