"""Send queued oversight e-mails that are due, retrying failures with exponential backoff."""

import time

from django.core.management.base import BaseCommand

from portal.oversight.services.outbox import deliver_due


class Command(BaseCommand):
    help = "发送监督投诉邮件队列中到期的邮件（失败的按指数退避重试）。"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --interval seconds")
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, loop=False, interval=60, limit=200, **options):
        while True:
            counts = deliver_due(limit=limit)
            summary = ", ".join(f"{state}: {n}" for state, n in sorted(counts.items())) or "nothing due"
            self.stdout.write(summary)
            if not loop:
                return
            time.sleep(interval)
