"""The reference data (Region, ServiceItem, CalendarYear, CalendarDay) moved from the disclosures app
to portal.reference with their tables unchanged: this migration changes Django's state only (the
foreign keys already point at the same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0005_exit_decisions_moved_in"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eligibilitycriterion",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="留空为全省一般条件",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="适用地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="provider",
                    name="region",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="providers",
                        to="reference.region",
                        verbose_name="所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="provider",
                    name="service_items",
                    field=models.ManyToManyField(
                        blank=True, related_name="providers", to="reference.serviceitem", verbose_name="服务项目"
                    ),
                ),
                migrations.AlterField(
                    model_name="provider",
                    name="service_regions",
                    field=models.ManyToManyField(
                        blank=True, related_name="served_by_providers", to="reference.region", verbose_name="服务地区"
                    ),
                ),
                migrations.AlterField(
                    model_name="providerapplication",
                    name="region",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="providerapplication",
                    name="service_items",
                    field=models.ManyToManyField(related_name="+", to="reference.serviceitem", verbose_name="服务项目"),
                ),
            ],
            database_operations=[],
        )
    ]
