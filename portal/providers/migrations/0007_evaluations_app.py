"""Exit decisions point at the evaluation results of the evaluations app (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
        ("providers", "0006_regions_from_reference"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="exitdecisiontask",
                    name="evaluation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="exit_tasks",
                        to="evaluations.evaluationresultpage",
                        verbose_name="引发的评价结果",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
