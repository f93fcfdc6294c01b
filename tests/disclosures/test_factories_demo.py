"""Factories and the demo seeder (idempotent, every method and stage)."""

import pytest

from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage, Stage

pytestmark = pytest.mark.django_db


def test_factories(folders, items):
    from portal.disclosures.factories import NoticePageFactory, ProcurementProjectPageFactory

    project = ProcurementProjectPageFactory(
        parent=folders["330106"], region=folders["330106"].region, service_items=[items["资源链接"]]
    )
    notice = NoticePageFactory(parent=project)
    notice.refresh_from_db()
    assert notice.project_id == project.pk and notice.kind == NoticeKind.TERMINATION
    assert list(project.service_items.all()) == [items["资源链接"]]
    assert "资源" in notice.search_text


def test_township_capacity_factory(regions, django_assert_num_queries):
    from portal.disclosures.factories import TownshipCapacityFactory
    from portal.disclosures.models.capacity import required_posts

    first, second = TownshipCapacityFactory(), TownshipCapacityFactory(recipients=1200, posts_filled=0)
    assert first.township.parent.code == second.township.parent.code == "330106"
    assert first.township != second.township and first.township.level == 4
    assert first.posts_filled == required_posts(600) and first.provider_name.endswith("社会工作服务中心")
    assert second.provider_name == ""
    first.full_clean()
    with django_assert_num_queries(0):  # every field the demo gives: no query
        row = TownshipCapacityFactory.build(
            township=first.township,
            recipients=800,
            recipients_as_of=first.recipients_as_of,
            posts_filled=2,
            window_address="地址",
            window_phone="0571-1",
            provider_name="某中心",
        )
    assert row.pk is None


@pytest.mark.slow
def test_demo_seed_is_idempotent_and_covers_methods_and_stages(home_page, monkeypatch):
    from io import StringIO

    from portal.core.demo import DemoContext
    from portal.disclosures import demo

    def plan(ctx):
        from portal.reference.models import Region

        cities = list(Region.objects.cities().order_by("code"))
        return [(cities[n % len(cities)], n) for n in range(len(Method) * len(demo.STAGES))]

    monkeypatch.setattr(demo, "_plan", plan)
    ctx = DemoContext(size="small", stdout=StringIO(), progress=False)
    demo.seed(ctx)
    projects = ProcurementProjectPage.objects.count()
    notices = NoticePage.objects.count()
    # The plan's projects, and the completed projects of earlier years (the evaluations' history).
    assert projects == len(Method) * len(demo.STAGES) + len(demo._history(ctx))
    demo.seed(ctx)
    assert (ProcurementProjectPage.objects.count(), NoticePage.objects.count()) == (projects, notices)
    assert set(ProcurementProjectPage.objects.values_list("method", flat=True)) == set(Method.values)
    assert set(ProcurementProjectPage.objects.values_list("city__code", flat=True)) >= {"330100", "330200", "331100"}
    stages = {p.stage() for p in ProcurementProjectPage.objects.all()}
    assert stages == set(Stage.values)
    assert NoticePage.objects.filter(late_working_days__gt=0).exists()
    assert NoticePage.objects.filter(documents__isnull=False).exists()
    assert not ProcurementProjectPage.objects.filter(service_items__isnull=True).exists()
    assert all("服务" in n.search_text for n in NoticePage.objects.all()[:5])
    assert set(NoticePage.objects.values_list("kind", flat=True)) == set(NoticeKind.values)
