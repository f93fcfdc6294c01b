"""The reference data (Region, ServiceItem, CalendarYear, CalendarDay) moved from the disclosures app
to portal.reference with their tables unchanged: this migration changes Django's state only (the
foreign keys already point at the same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0006_international_email_addresses"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="region",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="oversight_cases",
                        to="reference.region",
                        verbose_name="所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="handlingbody",
                    name="region",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="handling_body",
                        to="reference.region",
                        verbose_name="负责区域",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
