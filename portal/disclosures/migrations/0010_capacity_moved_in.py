"""Township capacity (TownshipCapacity, StaffingRule) moved from the home app to disclosures, which
publishes it, with its tables unchanged (db_table keeps the home_ names): the models enter Django's
state without any database operation, and their content types are renamed in place (home ->
disclosures), so that permissions, group grants and admin log entries stay attached to them."""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ("townshipcapacity", "staffingrule")


def rename_content_types(old, new):
    def rename(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if content_type.objects.filter(app_label=new, model=model).exists():
                continue
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_regions_from_reference"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosures", "0009_reference_moved_out"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StaffingRule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "posts_under_500",
                            models.PositiveSmallIntegerField(default=1, verbose_name="500名以下配备人数"),
                        ),
                        (
                            "posts_500_to_1000",
                            models.PositiveSmallIntegerField(default=2, verbose_name="500—1000名配备人数"),
                        ),
                        (
                            "posts_over_1000",
                            models.PositiveSmallIntegerField(default=3, verbose_name="1000名以上配备人数"),
                        ),
                        ("basis", models.CharField(blank=True, max_length=200, verbose_name="依据文件")),
                        ("effective_from", models.DateField(blank=True, null=True, verbose_name="施行日期")),
                        (
                            "city",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staffing_rule",
                                to="reference.region",
                                verbose_name="设区市",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "市级配备标准",
                        "verbose_name_plural": "市级配备标准",
                        "db_table": "home_staffingrule",
                    },
                ),
                migrations.CreateModel(
                    name="TownshipCapacity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "window_address",
                            models.CharField(blank=True, max_length=200, verbose_name="“一门受理”窗口地址"),
                        ),
                        ("window_hours", models.CharField(blank=True, max_length=100, verbose_name="办公时间")),
                        ("window_phone", models.CharField(blank=True, max_length=40, verbose_name="窗口电话")),
                        ("recipients", models.PositiveIntegerField(verbose_name="社会救助对象人数")),
                        ("recipients_as_of", models.DateField(verbose_name="人数统计日期")),
                        (
                            "posts_filled",
                            models.PositiveSmallIntegerField(default=0, verbose_name="实际到岗购买服务人员"),
                        ),
                        (
                            "provider_name",
                            models.CharField(blank=True, max_length=120, verbose_name="派遣人员的承接主体"),
                        ),
                        (
                            "provider_credit_code",
                            models.CharField(blank=True, max_length=18, verbose_name="承接主体统一社会信用代码"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                        (
                            "township",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="capacity",
                                to="reference.region",
                                verbose_name="乡镇（街道）",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "乡镇经办能力",
                        "verbose_name_plural": "乡镇经办能力",
                        "db_table": "home_townshipcapacity",
                        "ordering": ["township__code"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types("home", "disclosures"), rename_content_types("disclosures", "home")),
    ]
