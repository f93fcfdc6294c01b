"""Providers' search text gains the unsegmented runs of the name (Provider.build_search_text with
`whole=[name]`), so that both registry engines find a provider by any part of its name. Existing
rows get the runs appended, which is what rebuilding the text gives for an up-to-date row; the
search cluster's documents are rebuilt from it by `manage.py rebuild_search`."""

import re
import unicodedata

from django.db import migrations

BATCH = 1000

# portal.search.segment.whole_runs as it was when this migration was written (a migration does not
# import live code, which may change after it): NFKC, lower case, runs of letters, digits and CJK.
_TOKEN_RE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff]+", re.UNICODE)


def whole_runs(text):
    return _TOKEN_RE.findall(unicodedata.normalize("NFKC", text or "").lower())


def add_name_runs(apps, schema_editor):
    provider_model = apps.get_model("providers", "Provider")
    changed = []
    for provider in provider_model.objects.only("pk", "name", "search_text").iterator(chunk_size=BATCH):
        tokens = (provider.search_text or "").split()
        text = " ".join(dict.fromkeys(tokens + whole_runs(provider.name)))
        if text != provider.search_text:
            provider.search_text = text
            changed.append(provider)
        if len(changed) >= BATCH:
            provider_model.objects.bulk_update(changed, ["search_text"])
            changed = []
    if changed:
        provider_model.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_site_search_indexes"),
        ("providers", "0003_name_order_index"),
    ]

    operations = [migrations.RunPython(add_name_runs, migrations.RunPython.noop)]
