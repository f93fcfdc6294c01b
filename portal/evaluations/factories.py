"""factory_boy factories for evaluation results (tests and seed_demo): one definition of a valid
result. A result hangs below its project page; build it and add it there (or pass `parent`)."""

import datetime as dt
from decimal import Decimal

import factory
import wagtail_factories

from .models import EvaluationResultPage


class EvaluationResultPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助服务项目绩效评价结果{n}")
    slug = factory.Sequence(lambda n: f"evaluation-{n}")
    provider_credit_code = "52330106MJ0000001X"
    provider_name = "西湖区阳光社会工作服务中心"
    year = 2025
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 12, 31)
    evaluated_on = dt.date(2026, 3, 1)
    evaluator = "浙江公益评估中心"
    purchaser_score = Decimal("90")
    satisfaction_rate = Decimal("90")
    survey_sample_size = 120
    survey_method = "入户问卷"
    third_party_score = Decimal("90")
    effect_score = Decimal("88")
    management_score = Decimal("92")
    impact_score = Decimal("85")

    class Meta:
        model = EvaluationResultPage
