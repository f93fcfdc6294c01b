"""Rebuild the providers index on the search cluster without downtime: index every provider into a
new timestamped index (bulk helper, with progress), then swap the `<prefix>_providers` alias to it
atomically and delete the old index. `--pending` only retries the backlog of missed updates."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.providers.models import Provider
from portal.providers.search import documents, sync
from portal.search.cluster import cluster_errors, get_client, is_configured


class Command(BaseCommand):
    help = "Rebuild the provider registry's search index into a new index and swap the alias."

    def add_arguments(self, parser):
        parser.add_argument("--pending", action="store_true", help="only retry updates the cluster missed")
        parser.add_argument("--chunk-size", type=int, default=1000, help="documents per bulk request")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, pending=False, chunk_size=1000, no_progress=False, **options):
        if not is_configured():
            raise CommandError(
                "No search cluster configured: set SEARCH_ENGINE=opensearch|elasticsearch and SEARCH_URL."
            )
        client = get_client(timeout=sync.SYNC_TIMEOUT)
        alias = documents.alias_name()
        try:
            if pending:
                done = sync.sync_backlog(client=client, alias=alias)
                self.stdout.write(f"{done} pending providers synchronised into {alias}")
                return
            total = Provider.objects.count()
            with tqdm(total=total, unit="providers", desc=alias, disable=no_progress, file=self.stderr) as bar:
                name, indexed, old = sync.rebuild(
                    client=client, alias=alias, chunk_size=chunk_size, progress=bar.update
                )
        except documents.IndexNotBuilt as exc:
            raise CommandError(f"The index {exc} does not exist yet: run rebuild_search without --pending.") from exc
        except cluster_errors() as exc:
            raise CommandError(f"The search cluster failed: {exc}") from exc
        self.stdout.write(
            f"{indexed} providers indexed into {name}; alias {alias} -> {name}"
            + (f"; deleted {', '.join(old)}" if old else "")
        )
