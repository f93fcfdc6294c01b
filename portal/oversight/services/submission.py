"""Accepting a submission: one transaction writes the case, its attachments, its first status entry
and the queued receipt e-mail. If anything fails, the rows roll back and the files already written
are deleted, so a refused submission leaves nothing behind."""

import hashlib
import logging
import secrets

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from wagtail.log_actions import log

from ..models import Attachment, Case, Kind, ReferenceCounter, Status, StatusChange
from . import outbox
from .deadlines import due
from .routing import route

logger = logging.getLogger(__name__)

PREFIXES = {Kind.COMPLAINT: "TS", Kind.MEDIA: "MT"}
# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_access_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_access_code(reference, code):
    return salted_hmac("oversight.access-code", f"{reference}:{normalise_code(code)}").hexdigest()


def check_access_code(case, code):
    return constant_time_compare(case.access_code_hash, hash_access_code(case.reference, code))


def next_reference(kind, year):
    """The next reference number for `kind` in `year`; the counter row is locked until commit."""
    prefix = PREFIXES[kind]
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def receipt_mail(case, access_code, track_url):
    context = {"case": case, "access_code": access_code, "track_url": track_url}
    subject = f"【监督投诉】已收到您的{case.get_kind_display()}（{case.reference}）"
    return subject, render_to_string("oversight/email/receipt.txt", context)


def submit_case(data, files=(), kind=Kind.COMPLAINT, base_url=""):
    """Create a case from cleaned form data and uploaded files. Returns (case, access_code)."""
    written = []
    try:
        with transaction.atomic():
            case, access_code = _create(data, files, kind, base_url, written)
    except Exception:
        for name in written:
            try:
                Attachment.file.field.storage.delete(name)
            except OSError:
                logger.exception("could not remove attachment %s after a failed submission", name)
        raise
    return case, access_code


def _create(data, files, kind, base_url, written):
    now = timezone.now()
    reference = next_reference(kind, timezone.localdate(now).year)
    access_code = new_access_code()
    deadline = due(kind, data["category"], now)
    anonymous = bool(data.get("anonymous"))
    case = Case.objects.create(
        kind=kind,
        reference=reference,
        access_code_hash=hash_access_code(reference, access_code),
        category=data["category"],
        subject_type=data["subject_type"],
        region=data["region"],
        subject_text=data["subject_text"],
        subject_page=data.get("subject_page"),
        provider_credit_code=data.get("provider_credit_code") or "",
        description=data["description"],
        anonymous=anonymous,
        contact_name="" if anonymous else data.get("contact_name", ""),
        contact_phone="" if anonymous else data.get("contact_phone", ""),
        contact_email="" if anonymous else data.get("contact_email", ""),
        media_outlet=data.get("media_outlet", ""),
        consent_publish=bool(data.get("consent_publish")),
        status=Status.RECEIVED,
        handling_body=route(data["region"]),
        received_at=now,
        due_date=deadline.date,
        due_days=deadline.days,
        due_official=deadline.official,
    )
    for upload in files:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        attachment = Attachment(
            case=case,
            original_name=upload.name[:200],
            content_type=upload.portal_content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
        )
        attachment.file.save(upload.name, upload, save=False)
        written.append(attachment.file.name)
        attachment.save()
    StatusChange.objects.create(case=case, to_status=Status.RECEIVED, at=now)
    if case.contact_email:
        track_url = base_url + reverse("oversight:track")
        subject, body = receipt_mail(case, access_code, track_url)
        outbox.queue(case.contact_email, subject, body, case=case)
    log(case, "oversight.submit", data={"reference": reference, "attachments": len(written)})
    return case, access_code
