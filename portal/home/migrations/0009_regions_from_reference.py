"""The reference data (Region, ServiceItem, CalendarYear, CalendarDay) moved from the disclosures app
to portal.reference with their tables unchanged: this migration changes Django's state only (the
foreign keys already point at the same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_chinese_names_for_wagtail_defaults"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="regionsectionpage",
                    name="region",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="section_pages",
                        to="reference.region",
                        verbose_name="行政区划",
                    ),
                ),
                migrations.AlterField(
                    model_name="staffingrule",
                    name="city",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staffing_rule",
                        to="reference.region",
                        verbose_name="设区市",
                    ),
                ),
                migrations.AlterField(
                    model_name="townshipcapacity",
                    name="township",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="capacity",
                        to="reference.region",
                        verbose_name="乡镇（街道）",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
