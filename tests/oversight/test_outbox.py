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


CHINESE_ADDRESS = "测试@例子.中国"


@pytest.mark.parametrize("smtputf8", [True, False])
def test_receipt_to_a_chinese_script_address_is_sent_as_written(
    client, bodies, complaint_data, settings, django_capture_on_commit_callbacks, smtputf8
):
    """The form accepts 测试@例子.中国; the receipt goes to that mailbox by SMTPUTF8 (not to an
    RFC 2047-encoded name no server knows). A server without SMTPUTF8 leaves it queued, with the
    reason in the mail queue."""
    from .smtp_server import SMTPServer

    with SMTPServer(smtputf8=smtputf8) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, complaint_data(contact_email=CHINESE_ADDRESS))
        assert response.status_code == 302, response.content.decode()[:3000]
        case = Case.objects.get()
        assert case.contact_email == CHINESE_ADDRESS
        message = OutboxMessage.objects.get(case=case)
        assert message.to == CHINESE_ADDRESS
    if smtputf8:
        assert message.state == "sent" and message.body == ""
        (sent,) = server.messages
        assert sent["rcpt_to"] == [CHINESE_ADDRESS] and "SMTPUTF8" in sent["options"]
        body = sent["data"].decode("utf-8")
        assert f"To: {CHINESE_ADDRESS}" in body and case.reference in body
    else:
        assert server.messages == []
        assert message.state == "pending" and "SMTPUTF8" in message.last_error
        assert case.reference in message.body  # kept for the next attempt


def test_ascii_addresses_still_go_through_django_mail(
    client, bodies, complaint_data, settings, django_capture_on_commit_callbacks
):
    from .smtp_server import SMTPServer

    with SMTPServer(smtputf8=False) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL, complaint_data(contact_email="zhangsan@例子.中国"))
    message = OutboxMessage.objects.get()
    assert message.state == "sent"
    assert server.messages[0]["rcpt_to"] == ["zhangsan@xn--fsqu00a.xn--fiqs8s"]
