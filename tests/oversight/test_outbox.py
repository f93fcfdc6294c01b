"""A failing mail server never loses a case: the message stays queued and is retried with backoff."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.oversight.models import Case, OutboxMessage
from portal.oversight.services import outbox

pytestmark = pytest.mark.django_db

URL = "/oversight/complaints/new/"
FAILING = "tests.oversight.backends.FailingBackend"


def test_mail_server_down_keeps_the_case_and_queues_the_mail(
    client, bodies, complaint_data, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, complaint_data())
    assert response.status_code == 302
    case = Case.objects.get()
    assert client.get(response["Location"]).status_code == 200  # the receipt is still shown
    message = OutboxMessage.objects.get(case=case)
    assert message.state == "pending" and message.attempts == 1
    assert "mail server down" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert case.reference in message.body  # kept until delivered

    # The mail server comes back: the command sends what is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")  # not due yet: nothing happens
    message.refresh_from_db()
    assert message.state == "pending" and len(mail.outbox) == 0
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    call_command("send_queued_mail")
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 2 and message.body == ""
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject


def test_backoff_grows_and_gives_up_after_max_attempts(settings, db):
    settings.EMAIL_BACKEND = FAILING
    message = OutboxMessage.objects.create(to="a@example.com", subject="s", body="b")
    now = timezone.now()
    delays = []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        state = outbox.deliver(message.pk, now=now)
        message.refresh_from_db()
        if attempt < outbox.MAX_ATTEMPTS:
            assert state == "pending"
            delays.append(message.next_attempt_at - now)
    assert delays == sorted(delays) and delays[0] == dt.timedelta(minutes=2) and delays[2] == dt.timedelta(minutes=8)
    assert message.state == "failed" and message.attempts == outbox.MAX_ATTEMPTS
    assert outbox.deliver(message.pk) == "failed"  # no further attempts


def test_deliver_due_sends_only_due_pending_messages(db):
    due = OutboxMessage.objects.create(to="a@example.com", subject="due", body="b")
    later = OutboxMessage.objects.create(
        to="b@example.com", subject="later", body="b", next_attempt_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert outbox.deliver_due() == {"sent": 1}
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.state == "sent" and later.state == "pending"
    assert [m.subject for m in mail.outbox] == ["due"]
