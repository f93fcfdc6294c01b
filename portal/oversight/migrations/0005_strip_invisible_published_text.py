"""Published text (summaries, public subjects, answers, progress notes) without the zero-width and
bidirectional control characters that may have been saved before they were stripped on input."""

import re

from django.db import migrations

# portal.oversight.redaction.INVISIBLE as it was when this migration was written (a migration does
# not import live code, which may change after it): zero-width and bidirectional controls.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_invisible(text):
    return INVISIBLE.sub("", text or "")


FIELDS = ("redacted_summary", "public_subject", "public_answer", "not_accepted_reason", "transferred_to")


def strip(apps, schema_editor):
    Case = apps.get_model("oversight", "Case")
    StatusChange = apps.get_model("oversight", "StatusChange")
    for case in Case.objects.only(*FIELDS).iterator():
        changed = [name for name in FIELDS if INVISIBLE.search(getattr(case, name) or "")]
        for name in changed:
            setattr(case, name, strip_invisible(getattr(case, name)))
        if changed:
            case.save(update_fields=changed)
    for change in StatusChange.objects.only("public_note").iterator():
        if INVISIBLE.search(change.public_note or ""):
            # StatusChange.save refuses updates (append-only); a queryset update is the migration's.
            StatusChange.objects.filter(pk=change.pk).update(public_note=strip_invisible(change.public_note))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0004_case_log_entries")]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
