"""Re-index published cases: the register's search text now holds the answer as published (with
the sender's own details removed), so that a search by a phone number cannot reveal it."""

from django.db import migrations


def reindex(apps, schema_editor):
    from portal.oversight.redaction import redact
    from portal.search.segment import index_text

    Case = apps.get_model("oversight", "Case")
    published = Case.objects.filter(published_at__isnull=False).select_related("region")
    for case in published.iterator(chunk_size=500):
        answer = redact(case.public_answer, known=(case.contact_name, case.contact_phone, case.contact_email)).text
        text = index_text(case.public_subject, case.redacted_summary, answer, case.region.name)
        if text != case.search_text:
            Case.objects.filter(pk=case.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_subcontracting_finding")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
