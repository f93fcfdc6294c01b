from django.core.management.base import BaseCommand

from portal.home.roles import setup_roles


class Command(BaseCommand):
    help = "Create editors' groups, region folders, page permissions and review workflows (idempotent)."

    def handle(self, *args, **options):
        summary = setup_roles()
        self.stdout.write(
            "roles: {sections} sections, {city_groups} city reviewer groups, "
            "{county_groups} county editor groups, {folders} region folders".format(**summary)
        )
