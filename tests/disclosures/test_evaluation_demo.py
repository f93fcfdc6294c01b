"""Demo evaluations: across regions, service items and all four grades; idempotent; the registry
grades, exit tasks and takeover plans are written too."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_evaluations(home_page, monkeypatch):
    from io import StringIO

    from portal.core.demo import DemoContext
    from portal.disclosures import demo
    from portal.disclosures.models import EvaluationResultPage, ExitDecisionTask, Method, ProcurementProjectPage

    def plan(ctx):
        from portal.disclosures.models import Region

        cities = list(Region.objects.cities().order_by("code"))
        return [(cities[n % len(cities)], n) for n in range(len(Method) * len(demo.STAGES))]

    monkeypatch.setattr(demo, "_plan", plan)
    ctx = DemoContext(size="small", stdout=StringIO(), progress=False)
    demo.seed(ctx)
    results = EvaluationResultPage.objects.all()
    count = results.count()
    assert count >= 100
    assert set(results.values_list("grade", flat=True)) == {"excellent", "good", "pass", "fail"}
    assert results.values("city").distinct().count() >= 5
    assert results.values("service_item").distinct().count() >= 5
    assert not results.filter(composite_score__isnull=True).exists()
    assert ExitDecisionTask.objects.count() == results.filter(grade="fail").count()
    assert not ProcurementProjectPage.objects.filter(takeover_plan="").exists()
    demo.seed(ctx)
    assert EvaluationResultPage.objects.count() == count
    assert ExitDecisionTask.objects.count() == results.filter(grade="fail").count()
    sample = results.live().first()
    assert sample.url and sample.satisfaction_rate <= 100
