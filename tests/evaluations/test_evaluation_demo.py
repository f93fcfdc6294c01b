"""Demo evaluations: across regions, service items and all four grades, each within the service
period it evaluates (completed projects of earlier years give the history); idempotent; the registry
grades, exit tasks and takeover plans are written too."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_evaluations(home_page, monkeypatch):
    from io import StringIO

    from portal.core.demo import DemoContext
    from portal.disclosures import demo
    from portal.disclosures.models import Method, ProcurementProjectPage
    from portal.evaluations import demo as evaluations_demo
    from portal.evaluations.models import EvaluationResultPage
    from portal.providers.models import ExitDecisionTask

    def plan(ctx):
        from portal.reference.models import Region

        cities = list(Region.objects.cities().order_by("code"))
        return [(cities[n % len(cities)], n) for n in range(len(Method) * len(demo.STAGES))]

    monkeypatch.setattr(demo, "_plan", plan)
    ctx = DemoContext(size="small", stdout=StringIO(), progress=False)
    demo.seed(ctx)
    evaluations_demo.seed(ctx)  # its own seeder, run by seed_demo after the disclosures' (ORDER)
    results = EvaluationResultPage.objects.all()
    count = results.count()
    # Only services that have run are evaluated: a mid-term and a final evaluation per completed project.
    assert count >= 40
    for result in results.select_related("project"):
        assert result.project.service_start <= result.period_start <= result.period_end <= result.project.service_end
    assert set(results.values_list("grade", flat=True)) == {"excellent", "good", "pass", "fail"}
    assert results.values("city").distinct().count() >= 5
    assert results.values("service_item").distinct().count() >= 5
    assert not results.filter(composite_score__isnull=True).exists()
    assert ExitDecisionTask.objects.count() == results.filter(grade="fail").count()
    assert not ProcurementProjectPage.objects.filter(takeover_plan="").exists()
    demo.seed(ctx)
    evaluations_demo.seed(ctx)
    assert EvaluationResultPage.objects.count() == count
    assert ExitDecisionTask.objects.count() == results.filter(grade="fail").count()
    sample = results.live().first()
    assert sample.url and sample.satisfaction_rate <= 100
