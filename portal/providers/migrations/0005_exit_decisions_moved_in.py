"""Exit decisions (ExitDecisionTask) move from the disclosures app to providers, which owns the
registry's status history they are recorded in. Only Django's state moves: the table keeps its name
(disclosures_exitdecisiontask) and its rows, and the content type is renamed in place so that
permissions granted to groups and admin log entries pointing at it stay valid."""

import django.db.models.deletion
from django.db import migrations, models

OLD_APP = "disclosures"
NEW_APP = "providers"
MODEL = "exitdecisiontask"


def rename_content_type(apps, schema_editor, old_app, new_app):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = content_type.objects.using(db).filter(app_label=old_app, model=MODEL).first()
    if old is None:
        return
    # A content type created for the new label before this ran has nothing pointing at it yet.
    content_type.objects.using(db).filter(app_label=new_app, model=MODEL).delete()
    old.app_label = new_app
    old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    rename_content_type(apps, schema_editor, OLD_APP, NEW_APP)


def backwards(apps, schema_editor):
    rename_content_type(apps, schema_editor, NEW_APP, OLD_APP)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosures", "0007_admin_field_labels"),
        ("providers", "0004_pendingindexupdate_moved_in"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExitDecisionTask",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "provider_credit_code",
                            models.CharField(db_index=True, max_length=18, verbose_name="承接主体统一社会信用代码"),
                        ),
                        ("provider_name", models.CharField(max_length=120, verbose_name="承接主体名称")),
                        (
                            "case_reference",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                help_text="违规转包投诉经核查属实时填写",
                                max_length=20,
                                verbose_name="引发的投诉受理编号",
                            ),
                        ),
                        ("trigger", models.CharField(max_length=200, verbose_name="触发原因")),
                        ("opened_at", models.DateTimeField(auto_now_add=True, verbose_name="生成时间")),
                        (
                            "decision",
                            models.CharField(
                                blank=True,
                                choices=[("active", "继续承接（正常）"), ("suspended", "暂停承接"), ("exited", "退出")],
                                max_length=16,
                                verbose_name="决定",
                            ),
                        ),
                        ("suspended_until", models.DateField(blank=True, null=True, verbose_name="暂停至")),
                        ("reason", models.TextField(blank=True, verbose_name="决定理由")),
                        ("decided_at", models.DateField(blank=True, null=True, verbose_name="决定日期")),
                        (
                            "status_change_id",
                            models.PositiveBigIntegerField(editable=False, null=True, verbose_name="状态变更记录编号"),
                        ),
                        (
                            "decision_document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtaildocs.document",
                                verbose_name="决定文书",
                            ),
                        ),
                        (
                            "evaluation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="exit_tasks",
                                to="disclosures.evaluationresultpage",
                                verbose_name="引发的评价结果",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "待处理的退出决定",
                        "verbose_name_plural": "待处理的退出决定",
                        "db_table": "disclosures_exitdecisiontask",
                        "ordering": ["status_change_id", "-opened_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
