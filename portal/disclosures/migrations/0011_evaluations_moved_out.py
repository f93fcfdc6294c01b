"""The evaluations moved to their own app (evaluations 0001): removed from disclosures' state only; the
tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0010_capacity_moved_in"),
        ("evaluations", "0001_initial"),
        ("providers", "0007_evaluations_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="EvaluationResultPage"),
                migrations.DeleteModel(name="EvaluationScheme"),
            ],
            database_operations=[],
        )
    ]
