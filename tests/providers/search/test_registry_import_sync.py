"""Imports write in bulk, bypassing save signals, so the command queues the imported providers for
the search cluster itself when one is configured."""

import pytest
from django.core.management import call_command

from portal.providers.models import Provider
from portal.reference.credit_code import generate

pytestmark = pytest.mark.django_db


class FakeTask:
    def __init__(self):
        self.calls = []

    def enqueue(self, ids):
        self.calls.append(list(ids))


def _csv(tmp_path, code):
    path = tmp_path / "providers.csv"
    path.write_text(
        f"name,credit_code,region_code,service_items\n西湖区康宁照护服务中心,{code},330106,社会救助对象照料护理\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("configured", [True, False])
def test_import_queues_the_imported_providers(tmp_path, settings, monkeypatch, configured):
    if configured:
        settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", "http://127.0.0.1:9"
    fake = FakeTask()
    monkeypatch.setattr("portal.providers.search.tasks.index_providers", fake)
    code = generate()
    call_command("import_providers", str(_csv(tmp_path, code)), "--no-progress")
    provider = Provider.objects.get(credit_code=code)
    assert fake.calls == ([[provider.pk]] if configured else [])
