"""Published text (summaries, public subjects, answers, progress notes) without the zero-width and
bidirectional control characters that may have been saved before they were stripped on input."""

from django.db import migrations

FIELDS = ("redacted_summary", "public_subject", "public_answer", "not_accepted_reason", "transferred_to")


def strip(apps, schema_editor):
    from portal.oversight.redaction import INVISIBLE, strip_invisible

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
