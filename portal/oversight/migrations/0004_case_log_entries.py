"""Case audit entries get a log model of their own (region-scoped in the admin's history and
site-history report): the entries written so far move over from Wagtail's generic log table. Cases
and mail-queue messages leave the reference index (no case in "usage" listings)."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


CASE_MODELS = ("case", "outboxmessage")


def move_case_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    CaseLogEntry = apps.get_model("oversight", "CaseLogEntry")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = ContentType.objects.filter(app_label="oversight", model__in=CASE_MODELS)
    ReferenceIndex.objects.filter(base_content_type__in=types).delete()
    case_type = types.filter(model="case").first()
    if case_type is None:
        return
    old = ModelLogEntry.objects.filter(content_type=case_type)
    fields = ("label", "action", "data", "timestamp", "uuid", "content_changed", "deleted", "user_id", "revision_id")
    batch = []
    for entry in old.iterator():
        if not entry.object_id.isdigit():
            continue
        batch.append(
            CaseLogEntry(
                case_id=int(entry.object_id),
                content_type_id=entry.content_type_id,
                **{name: getattr(entry, name) for name in fields},
            )
        )
        if len(batch) >= 1000:
            CaseLogEntry.objects.bulk_create(batch)
            batch = []
    CaseLogEntry.objects.bulk_create(batch)
    old.delete()


def move_back(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    CaseLogEntry = apps.get_model("oversight", "CaseLogEntry")
    fields = ("label", "action", "data", "timestamp", "uuid", "content_changed", "deleted", "user_id", "revision_id")
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                object_id=str(entry.case_id),
                content_type_id=entry.content_type_id,
                **{name: getattr(entry, name) for name in fields},
            )
            for entry in CaseLogEntry.objects.iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("oversight", "0003_reindex_redacted_answers"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseLogEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.TextField()),
                ("action", models.CharField(blank=True, db_index=True, max_length=255)),
                (
                    "data",
                    models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                ("timestamp", models.DateTimeField(db_index=True, verbose_name="timestamp (UTC)")),
                (
                    "uuid",
                    models.UUIDField(
                        blank=True,
                        editable=False,
                        help_text="Log entries that happened as part of the same user action are assigned the same UUID",
                        null=True,
                    ),
                ),
                ("content_changed", models.BooleanField(db_index=True, default=False)),
                ("deleted", models.BooleanField(default=False)),
                (
                    "case",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="oversight.case",
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "案件审计记录",
                "verbose_name_plural": "案件审计记录",
                "ordering": ["-timestamp", "-id"],
                "abstract": False,
                "indexes": [models.Index(fields=["uuid", "action", "-timestamp"], name="oversight_c_uuid_eb4d2f_idx")],
            },
        ),
        migrations.RunPython(move_case_entries, move_back),
    ]
