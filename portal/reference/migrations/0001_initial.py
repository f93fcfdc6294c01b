"""Region, ServiceItem, CalendarYear and CalendarDay, moved here from the disclosures app with their
tables unchanged (their db_table keeps the old names): the models enter Django's state without any
database operation, and their content types are renamed in place (disclosures -> reference), so that
permissions, group grants, admin log entries and search index rows stay attached to them."""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


MODELS = ("region", "serviceitem", "calendaryear", "calendarday")


def rename_content_types(old, new):
    def rename(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if content_type.objects.filter(app_label=new, model=model).exists():
                continue  # created by an earlier post_migrate of this app: nothing to move
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)

    return rename


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosures", "0008_exit_decisions_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("holiday", "法定节假日（休息）"), ("workday", "调休上班")],
                                max_length=16,
                                verbose_name="类型",
                            ),
                        ),
                        ("name", models.CharField(blank=True, max_length=32, verbose_name="节日")),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("chinesecalendar", "国务院办公厅通知（chinesecalendar）"),
                                    ("manual", "管理员录入"),
                                ],
                                default="manual",
                                max_length=32,
                                verbose_name="来源",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "节假日与调休",
                        "verbose_name_plural": "节假日与调休",
                        "db_table": "disclosures_calendarday",
                        "ordering": ["date"],
                    },
                ),
                migrations.CreateModel(
                    name="CalendarYear",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="年份")),
                        ("official", models.BooleanField(default=False, verbose_name="已载入官方安排")),
                        ("source", models.CharField(blank=True, max_length=200, verbose_name="来源")),
                        ("note", models.TextField(blank=True, verbose_name="备注")),
                    ],
                    options={
                        "verbose_name": "节假日年度",
                        "verbose_name_plural": "节假日年度",
                        "db_table": "disclosures_calendaryear",
                        "ordering": ["-year"],
                    },
                ),
                migrations.CreateModel(
                    name="ServiceItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=64, unique=True, verbose_name="服务项目")),
                        (
                            "category",
                            models.CharField(
                                choices=[("affairs", "事务性工作"), ("service", "服务性工作")],
                                max_length=16,
                                verbose_name="类别",
                            ),
                        ),
                        ("served_groups", models.CharField(max_length=128, verbose_name="服务对象")),
                        ("description", models.TextField(blank=True, verbose_name="说明")),
                        ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
                        (
                            "in_policy_annex",
                            models.BooleanField(
                                default=False,
                                help_text="由浙民助〔2018〕117号附件列明的项目",
                                verbose_name="政策附件所列",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "服务项目",
                        "verbose_name_plural": "服务目录",
                        "db_table": "disclosures_serviceitem",
                        "ordering": ["sort_order", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Region",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=12, unique=True, verbose_name="区划代码")),
                        ("name", models.CharField(max_length=64, verbose_name="名称")),
                        (
                            "level",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "省"), (2, "市"), (3, "县（市、区）"), (4, "乡镇（街道）")],
                                db_index=True,
                                verbose_name="层级",
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="children",
                                to="reference.region",
                                verbose_name="上级",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "行政区划",
                        "verbose_name_plural": "行政区划",
                        "db_table": "disclosures_region",
                        "ordering": ["code"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("disclosures", "reference"), rename_content_types("reference", "disclosures")
        ),
    ]
