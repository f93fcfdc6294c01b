"""Load the State Council's holiday schedule of one year from a CSV file and mark the year official."""

from django.core.management.base import BaseCommand, CommandError

from portal.reference.data.holidays import ScheduleError, load_schedule, parse_schedule


class Command(BaseCommand):
    help = (
        "Load a year's official holidays (休) and make-up working days (班) from a CSV file with the header "
        "date,kind,name, replacing that year's days, and mark the year official. Nothing is written if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("csv_file", help="UTF-8 CSV, header date,kind,name (e.g. 2027-02-06,休,春节)")
        parser.add_argument("--source", help="Where the schedule comes from (default: the State Council's notice)")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, write nothing")

    def handle(self, *args, year, csv_file, source=None, dry_run=False, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"year {year} is out of range")
        try:
            with open(csv_file, encoding="utf-8-sig", newline="") as handle:
                rows = parse_schedule(year, handle)
        except OSError as exc:
            raise CommandError(f"cannot read {csv_file}: {exc}") from exc
        except ScheduleError as exc:
            for line, message in exc.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(f"{len(exc.errors)} bad rows in {csv_file}: nothing was written") from exc
        holidays = sum(1 for _day, kind, _name in rows if kind == "holiday")
        self.stdout.write(f"{year}: {holidays} holidays, {len(rows) - holidays} make-up working days")
        if dry_run:
            self.stdout.write("dry run: nothing written")
            return
        source = source or f"国务院办公厅关于{year}年部分节假日安排的通知"
        created, updated, removed = load_schedule(year, rows, source)
        self.stdout.write(
            self.style.SUCCESS(f"{year} is official: {created} days created, {updated} updated, {removed} removed")
        )
