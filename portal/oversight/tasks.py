"""Background tasks of the oversight channel (django-tasks)."""

from django_tasks import task


@task()
def send_outbox_message(message_id):
    """Send one queued e-mail; on failure it stays queued for `send_queued_mail` to retry."""
    from .services.outbox import deliver

    return deliver(message_id)
