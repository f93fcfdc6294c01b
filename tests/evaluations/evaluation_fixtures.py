"""Fixtures for the evaluation tests: a published scheme (30/40/30, thresholds 90/80/60) and a
helper that publishes a result under a project the way the admin does."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

_seq = itertools.count(1)


@pytest.fixture
def scheme(db):
    from portal.evaluations.models import EvaluationScheme

    return EvaluationScheme.objects.create(
        name="测试方案",
        purchaser_weight=Decimal("30"),
        satisfaction_weight=Decimal("40"),
        third_party_weight=Decimal("30"),
    )


@pytest.fixture
def make_result(scheme):
    from portal.evaluations.models import EvaluationResultPage

    def make(project, publish=True, **fields):
        n = next(_seq)
        values = {
            "title": f"{project.title}绩效评价结果{n}",
            "slug": f"evaluation-{n}",
            "scheme": scheme,
            "provider_credit_code": "52330106MJ0000001X",
            "provider_name": "西湖区阳光社会工作服务中心",
            "year": 2025,
            "period_start": dt.date(2025, 1, 1),
            "period_end": dt.date(2025, 12, 31),
            "evaluated_on": dt.date(2026, 3, 1),
            "evaluator": "浙江公益评估中心",
            "purchaser_score": Decimal("90"),
            "satisfaction_rate": Decimal("90"),
            "survey_sample_size": 120,
            "survey_method": "入户问卷",
            "third_party_score": Decimal("90"),
            "effect_score": Decimal("88"),
            "management_score": Decimal("92"),
            "impact_score": Decimal("85"),
            "live": False,
        }
        values.update(fields)
        result = EvaluationResultPage(**values)
        project.add_child(instance=result)
        if publish:
            result.save_revision().publish()
            result.refresh_from_db()
        return result

    return make
