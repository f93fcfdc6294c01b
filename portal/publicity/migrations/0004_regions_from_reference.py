"""The reference data (Region, ServiceItem, CalendarYear, CalendarDay) moved from the disclosures app
to portal.reference with their tables unchanged: this migration changes Django's state only (the
foreign keys already point at the same tables)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0003_alter_campaignpage_body_and_more"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="campaignpage",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="留空则为所在地区栏目的地区",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="campaigns",
                        to="reference.region",
                        verbose_name="所属地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="campaignpage",
                    name="service_items",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="campaigns", to="reference.serviceitem", verbose_name="涉及服务项目"
                    ),
                ),
                migrations.AlterField(
                    model_name="materialpage",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="留空则为所在地区栏目的地区",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="publicity_materials",
                        to="reference.region",
                        verbose_name="所属地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="materialpage",
                    name="service_items",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="publicity_materials",
                        to="reference.serviceitem",
                        verbose_name="涉及服务项目",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingcoursepage",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="留空则为所在地区栏目的地区",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="training_courses",
                        to="reference.region",
                        verbose_name="举办地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingcoursepage",
                    name="service_items",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="training_courses",
                        to="reference.serviceitem",
                        verbose_name="涉及服务项目",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
