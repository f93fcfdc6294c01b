"""Re-index published cases: the register's search text now holds the answer as published (with
the sender's own details removed), so that a search by a phone number cannot reveal it.

The search text is derived by live code (redaction and jieba segmentation), which a migration must
not import: the text is rebuilt by `manage.py reindex_register` (README, "Upgrading an
installation"). This migration is kept, empty, so that the migration graph stays as installed."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_subcontracting_finding")]

    operations = []
