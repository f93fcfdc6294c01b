"""Wagtail's initial data is named in English: the root page and collection ("Root"), the default
groups ("Moderators", "Editors") and the default workflow and task ("Moderators approval"), which
the admin shows to editors ("提交给Moderators approval"). Give them Chinese names; only rows that still
carry Wagtail's default name are renamed."""

from django.db import migrations

RENAMES = [
    ("wagtailcore", "Page", "title", "Root", "根目录", {"depth": 1}),
    ("wagtailcore", "Page", "draft_title", "Root", "根目录", {"depth": 1}),
    ("wagtailcore", "Collection", "name", "Root", "全部集合", {"depth": 1}),
    ("auth", "Group", "name", "Moderators", "默认审核员", {}),
    ("auth", "Group", "name", "Editors", "默认编辑", {}),
    ("wagtailcore", "Workflow", "name", "Moderators approval", "默认审核流程", {}),
    ("wagtailcore", "Task", "name", "Moderators approval", "默认审核", {}),
]


def _rename(apps, reverse=False):
    for app_label, model_name, field, english, chinese, extra in RENAMES:
        model = apps.get_model(app_label, model_name)
        old, new = (chinese, english) if reverse else (english, chinese)
        if field == "name" and model.objects.filter(**{field: new}).exists():
            continue  # a row of that name exists already (names of groups and workflows are unique)
        model.objects.filter(**{field: old}, **extra).update(**{field: new})


def forwards(apps, schema_editor):
    _rename(apps)


def backwards(apps, schema_editor):
    _rename(apps, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_admin_field_labels"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
