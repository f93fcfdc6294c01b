"""seed_demo builds realistic content for every app, prints the demo accounts once and is idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _run():
    out = io.StringIO()
    call_command("seed_demo", "--size", "small", "--no-progress", "--skip-reference", stdout=out)
    return out.getvalue()


def test_seed_demo_small_is_idempotent_and_prints_accounts_once(client):
    first = _run()
    assert "Demo accounts created now" in first
    assert "xihu_editor" in first and "县级编辑（杭州市西湖区）" in first
    counts = (Page.objects.count(), get_user_model().objects.count())
    second = _run()
    assert "Demo accounts created now" not in second
    assert (Page.objects.count(), get_user_model().objects.count()) == counts

    user = get_user_model().objects.get(username="xihu_editor")
    assert user.groups.filter(name="县级编辑·杭州市西湖区").exists()
    # The content is realistic Chinese and reachable.
    response = client.get("/")
    assert response.status_code == 200
    assert "最新公开信息" in response.content.decode()
    response = client.get("/search/", {"q": "社会救助"})
    assert response.context["page_obj"].paginator.count > 0
