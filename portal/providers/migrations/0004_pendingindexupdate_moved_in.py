"""The backlog of search-cluster index updates (PendingIndexUpdate) moves from the search app to
providers with the registry's search engines. Only Django's state moves: the table keeps its name
(portal_search_pendingindexupdate) and its rows, and the content type is renamed in place so that
permissions and admin log entries pointing at it stay valid."""

from django.db import migrations, models

OLD_APP = "portal_search"
NEW_APP = "providers"
MODEL = "pendingindexupdate"


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
        ("providers", "0003_name_order_index"),
        ("portal_search", "0003_provider_name_runs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PendingIndexUpdate",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("provider_id", models.BigIntegerField(unique=True, verbose_name="承接主体编号")),
                        (
                            "action",
                            models.CharField(
                                choices=[("index", "写入"), ("delete", "删除")], max_length=8, verbose_name="操作"
                            ),
                        ),
                        ("attempts", models.PositiveIntegerField(default=1, verbose_name="尝试次数")),
                        ("last_error", models.TextField(blank=True, verbose_name="最近错误")),
                        ("queued_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                    ],
                    options={
                        "verbose_name": "待同步检索索引",
                        "verbose_name_plural": "待同步检索索引",
                        "ordering": ["updated_at", "id"],
                        "db_table": "portal_search_pendingindexupdate",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
