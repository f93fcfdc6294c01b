"""The composite score (weighted to the recipients' satisfaction, never typed in), the grade
thresholds at their boundaries, and the validation of schemes and results."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.evaluations.models import EvaluationScheme
from portal.providers.models import Grade

from .evaluation_fixtures import make_result, scheme  # noqa: F401

pytestmark = pytest.mark.django_db


def test_result_grades_are_the_registry_grades():
    """One Grade: an evaluation result's grade field offers exactly the registry's grades, so that
    syncing a result's grade into the provider's latest grade never meets an unknown value."""
    from portal.evaluations.models import EvaluationResultPage
    from portal.providers.models import Provider

    assert EvaluationResultPage._meta.get_field("grade").choices == Grade.choices
    assert Provider._meta.get_field("latest_grade").choices == Grade.choices


def test_composite_uses_the_scheme_weights(scheme):  # noqa: F811
    assert scheme.composite(80, 95, 70) == Decimal("83.00")  # 24 + 38 + 21
    other = EvaluationScheme(name="x", purchaser_weight=20, satisfaction_weight=50, third_party_weight=30)
    assert other.composite(80, 95, 70) == Decimal("84.50")  # 16 + 47.5 + 21
    # Rounded half-up to cents.
    assert scheme.composite(Decimal("88.33"), Decimal("91.11"), Decimal("79.99")) == Decimal("86.94")


@pytest.mark.parametrize(
    "score,grade",
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.PASS),
        ("60", Grade.PASS),
        ("59.99", Grade.FAIL),
        ("0", Grade.FAIL),
    ],
)
def test_grade_thresholds_at_the_boundaries(scheme, score, grade):  # noqa: F811
    assert scheme.grade_for(Decimal(score)) == grade


def test_custom_thresholds_are_used(scheme):  # noqa: F811
    scheme.excellent_min, scheme.good_min, scheme.pass_min = Decimal("95"), Decimal("85"), Decimal("70")
    assert scheme.grade_for(Decimal("94.99")) == Grade.GOOD
    assert scheme.grade_for(Decimal("69.99")) == Grade.FAIL
    assert ("优秀", "≥ 95") in [(str(a), b) for a, b in scheme.thresholds()]


@pytest.mark.parametrize(
    "weights,field",
    [
        ((30, 40, 20), "third_party_weight"),  # sums to 90
        ((30, 40, 40), "third_party_weight"),  # sums to 110
        ((40, 30, 30), "satisfaction_weight"),  # satisfaction not the largest
        ((35, 35, 30), "satisfaction_weight"),  # a tie is not "largest"
    ],
)
def test_scheme_validation(weights, field):
    p, s, t = weights
    bad = EvaluationScheme(name="坏方案", purchaser_weight=p, satisfaction_weight=s, third_party_weight=t)
    with pytest.raises(ValidationError) as exc:
        bad.clean()
    assert field in exc.value.message_dict


def test_scheme_thresholds_must_descend():
    bad = EvaluationScheme(
        name="坏方案", purchaser_weight=30, satisfaction_weight=40, third_party_weight=30, good_min=95
    )
    with pytest.raises(ValidationError) as exc:
        bad.clean()
    assert "good_min" in exc.value.message_dict


@pytest.mark.parametrize(
    "p,s,t,composite,grade",
    [
        ("90", "90", "90", "90.00", Grade.EXCELLENT),
        ("89.99", "89.99", "89.99", "89.99", Grade.GOOD),
        ("80", "80", "80", "80.00", Grade.GOOD),
        ("79.99", "79.99", "79.99", "79.99", Grade.PASS),
        ("60", "60", "60", "60.00", Grade.PASS),
        ("59.99", "59.99", "59.99", "59.99", Grade.FAIL),
        ("50", "95", "70", "74.00", Grade.PASS),
    ],
)
def test_result_stores_computed_composite_and_grade(make_project, make_result, p, s, t, composite, grade):  # noqa: F811
    result = make_result(
        make_project(), purchaser_score=Decimal(p), satisfaction_rate=Decimal(s), third_party_score=Decimal(t)
    )
    assert result.composite_score == Decimal(composite)
    assert result.grade == grade


def test_composite_cannot_be_typed_in(make_project, make_result):  # noqa: F811
    result = make_result(make_project())
    result.composite_score, result.grade = Decimal("10"), Grade.FAIL
    result.save()
    result.refresh_from_db()
    assert result.composite_score == Decimal("90.00") and result.grade == Grade.EXCELLENT


def test_result_copies_region_and_service_item_from_project(make_project, make_result, regions):  # noqa: F811
    project = make_project(region="330203", service_items=("社会救助对象心理疏导",))
    result = make_result(project)
    assert result.project_id == project.pk
    assert result.region == regions["330203"] and result.city == regions["330200"]
    assert result.service_item.name == "社会救助对象心理疏导"


def _errors(result):
    with pytest.raises(ValidationError) as exc:
        result.full_clean()
    return exc.value.message_dict


def test_scores_out_of_range_are_rejected(make_project, make_result):  # noqa: F811
    result = make_result(make_project(), publish=False)
    result.purchaser_score = Decimal("100.01")
    result.third_party_score = Decimal("-1")
    result.impact_score = Decimal("101")
    errors = _errors(result)
    assert {"purchaser_score", "third_party_score", "impact_score"} <= set(errors)


def test_sample_size_required_with_a_rate(make_project, make_result):  # noqa: F811
    result = make_result(make_project(), publish=False)
    result.survey_sample_size = 0
    assert "survey_sample_size" in _errors(result)
    result.survey_sample_size = None
    assert "survey_sample_size" in _errors(result)
    result.survey_sample_size = 30
    result.full_clean()


def test_satisfaction_rate_is_required(make_project, make_result):  # noqa: F811
    result = make_result(make_project(), publish=False)
    result.satisfaction_rate = None
    assert "satisfaction_rate" in _errors(result)


def test_invalid_scheme_is_reported_on_the_result(make_project, make_result, scheme):  # noqa: F811
    result = make_result(make_project(), publish=False)
    EvaluationScheme.objects.filter(pk=scheme.pk).update(third_party_weight=Decimal("20"))
    result.scheme.refresh_from_db()
    assert "scheme" in _errors(result)


def test_contract_and_service_item_must_belong_to_the_project(make_project, make_result, items):  # noqa: F811
    from portal.disclosures.models import NoticePage

    project, other = make_project(), make_project()
    contract = NoticePage(title="其他项目合同公告", slug="other-contract", kind="contract", live=False)
    other.add_child(instance=contract)
    result = make_result(project, publish=False)
    result.contract = contract
    result.service_item = items["罕见病对象跟踪"]
    errors = _errors(result)
    assert {"contract", "service_item"} <= set(errors)
