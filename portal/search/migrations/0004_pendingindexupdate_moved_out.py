"""PendingIndexUpdate now belongs to the providers app (providers 0004 took over its state and
content type); the search app forgets it without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_provider_name_runs"),
        ("providers", "0004_pendingindexupdate_moved_in"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PendingIndexUpdate")],
            database_operations=[],
        ),
    ]
