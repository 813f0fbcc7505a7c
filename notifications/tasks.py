"""The mails, sent by the background worker (`manage.py db_worker`)."""

from django.tasks import task

from notifications.mails import deliver, gather
from notifications.models import Mail, Notice


@task
def send_mail(mail_id):
    deliver(mail_id)


@task
def send_arrivals(recipient_id):
    """One mail with every translation that arrived for `recipient_id` since the last:
    an import of many items makes one mail, however many tasks it queued."""
    mail = gather(recipient_id, Notice.Kind.TRANSLATION_ARRIVED, Mail.Kind.ARRIVALS)
    if mail is not None:
        deliver(mail.pk)
