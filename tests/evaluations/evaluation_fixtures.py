"""Fixtures for the evaluation tests: a published scheme (30/40/30, thresholds 90/80/60) and a
helper that publishes a result under a project the way the admin does."""

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
    from portal.evaluations.factories import EvaluationResultPageFactory

    def make(project, publish=True, **fields):
        n = next(_seq)
        values = {
            "title": f"{project.title}绩效评价结果{n}",
            "slug": f"evaluation-{n}",
            "scheme": scheme,
            "live": False,
        }
        values.update(fields)
        result = EvaluationResultPageFactory.build(parent=None, **values)
        project.add_child(instance=result)
        if publish:
            result.save_revision().publish()
            result.refresh_from_db()
        return result

    return make
