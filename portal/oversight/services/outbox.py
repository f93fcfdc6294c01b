"""The mail outbox: messages are rows written in the case's transaction, sent after commit by a task
and retried with exponential backoff by `send_queued_mail`. A failing mail server delays an e-mail;
it never loses a case."""

import datetime as dt
import email.policy
import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.utils import timezone

from ..emails import needs_smtputf8
from ..models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_DELAY = dt.timedelta(minutes=2)
MAX_DELAY = dt.timedelta(hours=6)


def backoff(attempts):
    """Delay before the next attempt after `attempts` failures: 2, 4, 8 ... minutes, at most 6 hours."""
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def queue(to, subject, body, case=None):
    """Write an outbox row (inside the caller's transaction) and send it once that commits."""
    message = OutboxMessage.objects.create(to=to, subject=subject, body=body, case=case)
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id):
    from ..tasks import send_outbox_message

    try:
        send_outbox_message.enqueue(message_id)
    except Exception:  # the task queue being down must not break the request: the command retries
        logger.exception("could not enqueue outbox message %s", message_id)


def deliver(message_id, now=None):
    """Try to send one pending message. Returns its new state."""
    now = now or timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state != OutboxMessage.State.PENDING:
            return message.state if message else None
        message.attempts += 1
        try:
            _send(message)
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if message.attempts >= MAX_ATTEMPTS:
                message.state = OutboxMessage.State.FAILED
            else:
                message.next_attempt_at = now + backoff(message.attempts)
            logger.warning("outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc)
        else:
            message.state = OutboxMessage.State.SENT
            message.sent_at = now
            message.last_error = ""
            # The body carries the access code: it is not kept once delivered.
            message.body = ""
        message.save(update_fields=["attempts", "state", "next_attempt_at", "last_error", "sent_at", "body"])
        return message.state


def _send(message):
    connection = get_connection()
    if needs_smtputf8(message.to) and isinstance(connection, SMTPBackend):
        _send_smtputf8(connection, message)
    else:
        send_mail(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to],
            fail_silently=False,
            connection=connection,
        )


def _send_smtputf8(connection, message):
    """Send to an address with a non-ASCII mailbox name (测试@例子.中国) as it is written.

    Django 5.2's mail classes encode such a mailbox name as an RFC 2047 word, which no server
    delivers; the standard library's EmailMessage with the SMTPUTF8 policy and smtplib's
    send_message (which asks the server for SMTPUTF8, and refuses with SMTPNotSupportedError
    when it does not offer it: the message then stays queued, with the error shown in the
    mail queue) deliver it. The connection is Django's SMTP backend, with its settings."""
    mail = EmailMessage(policy=email.policy.SMTPUTF8)
    mail["Subject"] = message.subject
    mail["From"] = settings.DEFAULT_FROM_EMAIL
    mail["To"] = message.to
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid()
    mail.set_content(message.body)
    with connection:
        connection.connection.send_message(mail)


def deliver_due(now=None, limit=200):
    """Send every pending message whose next attempt is due. Returns {state: count}."""
    now = now or timezone.now()
    ids = list(
        OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {}
    for message_id in ids:
        state = deliver(message_id, now=now)
        counts[state] = counts.get(state, 0) + 1
    return counts
