"""Recompute the stored status of providers whose decisions change over time (a suspension that
has run out, a decision that takes effect later). Run daily, e.g. from cron:

    python manage.py refresh_provider_status
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.providers.models import Provider
from portal.providers.models.status import refresh_status


class Command(BaseCommand):
    help = "Recompute providers' current status from their status decisions."

    def handle(self, *args, **options):
        today = timezone.localdate()
        changed = 0
        providers = Provider.objects.filter(status_changes__isnull=False).distinct().prefetch_related("status_changes")
        for provider in providers.iterator(chunk_size=500):
            before = (provider.status, provider.status_since)
            refresh_status(provider, today)
            changed += before != (provider.status, provider.status_since)
        self.stdout.write(self.style.SUCCESS(f"{changed} 家机构状态已更新。"))
