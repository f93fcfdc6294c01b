"""Load reference data and realistic demo content for every app (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.core.demo import SIZES, DemoContext, seeders


class Command(BaseCommand):
    help = "Create demo content: --size small to explore every page, --size large for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=SIZES, default="small")
        parser.add_argument("--no-progress", action="store_true", help="Hide progress bars")
        parser.add_argument("--skip-reference", action="store_true", help="Do not (re)load reference data")

    def handle(self, *args, **options):
        if not options["skip_reference"]:
            call_command("load_reference", stdout=self.stdout)
        ctx = DemoContext(size=options["size"], stdout=self.stdout, progress=not options["no_progress"])
        for module in seeders():
            label = module.__name__.split(".")[1]
            self.stdout.write(f"seeding {label} ({ctx.size})")
            module.seed(ctx)
        if ctx.accounts:
            self.stdout.write("")
            self.stdout.write("Demo accounts created now (passwords are shown only this once):")
            for username, password, role in ctx.accounts:
                self.stdout.write(f"  {username:<20} {password:<22} {role}")
        self.stdout.write(self.style.SUCCESS("demo data ready"))
