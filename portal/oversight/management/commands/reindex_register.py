"""Recompute the public register's search text of every published case with today's code (the
answer as published, redacted; jieba segmentation). Run after an upgrade that changes what the
register indexes or how answers are redacted: migrations do not run live code, so they cannot."""

from django.core.management.base import BaseCommand

from portal.oversight.models import Case
from portal.oversight.services.handling import register_search_text


class Command(BaseCommand):
    help = "重建公开登记簿中已公开案件的检索文本（升级后运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count the cases whose text would change")

    def handle(self, *args, dry_run=False, **options):
        published = Case.objects.filter(published_at__isnull=False).select_related("region").order_by("pk")
        checked = changed = 0
        for case in published.iterator(chunk_size=500):
            checked += 1
            text = register_search_text(case)
            if text != case.search_text:
                changed += 1
                if not dry_run:
                    Case.objects.filter(pk=case.pk).update(search_text=text)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"published cases: {checked}, search text {verb}: {changed}")
