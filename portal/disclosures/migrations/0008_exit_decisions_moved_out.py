"""ExitDecisionTask now belongs to the providers app (providers 0005 took over its state and
content type); the disclosures app forgets it without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0007_admin_field_labels"),
        ("providers", "0005_exit_decisions_moved_in"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExitDecisionTask")],
            database_operations=[],
        ),
    ]
