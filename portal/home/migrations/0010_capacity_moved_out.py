"""Township capacity moved to the disclosures app (see disclosures 0010): removed from home's state
only; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0010_capacity_moved_in"),
        ("home", "0009_regions_from_reference"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="townshipcapacity",
                    name="township",
                ),
                migrations.DeleteModel(
                    name="StaffingRule",
                ),
                migrations.DeleteModel(
                    name="TownshipCapacity",
                ),
            ],
            database_operations=[],
        ),
    ]
