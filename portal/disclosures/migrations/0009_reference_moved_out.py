"""The reference data (Region, ServiceItem, CalendarYear, CalendarDay) moved from the disclosures app
to portal.reference with their tables unchanged: this migration changes Django's state only (the
foreign keys already point at the same tables)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0008_exit_decisions_moved_out"),
        ("home", "0009_regions_from_reference"),
        ("oversight", "0007_regions_from_reference"),
        ("providers", "0006_regions_from_reference"),
        ("publicity", "0004_regions_from_reference"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="CalendarDay",
                ),
                migrations.DeleteModel(
                    name="CalendarYear",
                ),
                migrations.AlterField(
                    model_name="procurementprojectpage",
                    name="city",
                    field=models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在市",
                    ),
                ),
                migrations.AlterField(
                    model_name="evaluationresultpage",
                    name="region",
                    field=models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="noticepage",
                    name="region",
                    field=models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="evaluationresultpage",
                    name="city",
                    field=models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在市",
                    ),
                ),
                migrations.AlterField(
                    model_name="noticepage",
                    name="city",
                    field=models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.region",
                        verbose_name="所在市",
                    ),
                ),
                migrations.AlterField(
                    model_name="procurementprojectpage",
                    name="region",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="procurement_projects",
                        to="reference.region",
                        verbose_name="采购人所在地区",
                    ),
                ),
                migrations.AlterField(
                    model_name="evaluationresultpage",
                    name="service_item",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="留空则取采购项目的第一个服务项目。",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evaluations",
                        to="reference.serviceitem",
                        verbose_name="服务项目",
                    ),
                ),
                migrations.AlterField(
                    model_name="procurementprojectpage",
                    name="service_items",
                    field=modelcluster.fields.ParentalManyToManyField(
                        related_name="projects", to="reference.serviceitem", verbose_name="服务项目"
                    ),
                ),
                migrations.AlterField(
                    model_name="procurementprojectpage",
                    name="service_regions",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="served_by_projects", to="reference.region", verbose_name="服务区域"
                    ),
                ),
                migrations.DeleteModel(
                    name="Region",
                ),
                migrations.DeleteModel(
                    name="ServiceItem",
                ),
            ],
            database_operations=[],
        )
    ]
