from django.db import migrations


def forwards(apps, schema_editor):
    from portal.providers.policy_criteria import ensure_general_criteria

    ensure_general_criteria(apps.get_model("providers", "EligibilityCriterion"))


def backwards(apps, schema_editor):
    from portal.providers.policy_criteria import GENERAL_CRITERIA

    apps.get_model("providers", "EligibilityCriterion").objects.filter(
        code__in=[c["code"] for c in GENERAL_CRITERIA], version=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
