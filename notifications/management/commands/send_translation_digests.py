from django.core.management.base import BaseCommand
from django.db import transaction

from notifications.mails import gather
from notifications.models import Mail, Notice
from notifications.tasks import send_mail


class Command(BaseCommand):
    help = (
        "Queue each translator's daily digest of the sources they translated that "
        "changed, one mail per translator, for the background worker to send; and "
        "queue again the mails of earlier runs that are still unsent (the SMTP server "
        "refused them, or the worker stopped). Run daily: deploy/systemd's "
        "citymined-digest.timer does."
    )

    def handle(self, *args, **options):
        waiting = Notice.objects.filter(kind=Notice.Kind.SOURCE_CHANGED, mail=None)
        recipients = waiting.values_list("recipient", flat=True).distinct().order_by()
        with transaction.atomic():
            unsent = list(Mail.objects.filter(sent_at=None).values_list("pk", flat=True))
            digests = [
                mail.pk
                for recipient in set(recipients)
                if (mail := gather(recipient, Notice.Kind.SOURCE_CHANGED, Mail.Kind.DIGEST))
            ]
            transaction.on_commit(lambda: [send_mail.enqueue(pk) for pk in digests + unsent])
        self.stdout.write(
            f"{len(digests)} digests queued, {len(unsent)} unsent mails queued again."
        )
