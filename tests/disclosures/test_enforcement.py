"""Publish-time enforcement of the statutory rules, in code (the admin test is in test_admin.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.disclosures.models import Method, NoticeKind, NoticePage, Stage

from .conftest import aware

pytestmark = pytest.mark.django_db
D = dt.date


def test_open_tender_with_too_short_bid_deadline_is_refused(make_project, publish_notice):
    project = make_project(method=Method.OPEN)
    with pytest.raises(ValidationError) as exc:
        # Documents from 13 Sep 2026: 20 days end on 3 Oct (holiday), so the earliest lawful
        # deadline is 8 Oct.
        publish_notice(project, NoticeKind.TENDER, published_on=D(2026, 9, 13), bid_deadline=aware(2026, 10, 7))
    message = " ".join(exc.value.message_dict["bid_deadline"])
    assert "公开招标等标期" in message
    assert "政府采购法第三十五条" in message
    assert "2026-10-08" in message
    assert not NoticePage.objects.filter(project=project, live=True).exists()


def test_lawful_tender_is_published_and_sets_stage(make_project, publish_notice):
    project = make_project(method=Method.OPEN)
    notice = publish_notice(project, NoticeKind.TENDER, published_on=D(2026, 9, 13), bid_deadline=aware(2026, 10, 8))
    assert notice.live
    assert project.bid_deadline == aware(2026, 10, 8)
    assert project.stage(D(2026, 10, 1)) == Stage.OPEN
    assert project.stage(D(2026, 10, 9)) == Stage.EVALUATING


@pytest.mark.parametrize(
    "method,start,too_short,lawful",
    [
        (Method.CONSULTATION, D(2026, 9, 24), D(2026, 10, 4), D(2026, 10, 8)),
        (Method.NEGOTIATION, D(2026, 9, 29), D(2026, 10, 8), D(2026, 10, 9)),
        (Method.INQUIRY, D(2026, 2, 13), D(2026, 2, 24), D(2026, 2, 25)),
    ],
)
def test_response_periods_by_method(make_project, publish_notice, method, start, too_short, lawful):
    project = make_project(method=method)
    with pytest.raises(ValidationError):
        publish_notice(project, NoticeKind.TENDER, published_on=start, bid_deadline=aware(*too_short.timetuple()[:3]))
    notice = publish_notice(project, NoticeKind.TENDER, published_on=start, bid_deadline=aware(*lawful.timetuple()[:3]))
    assert notice.live


def test_draft_with_short_deadline_can_be_saved_but_not_published(make_project):
    project = make_project()
    notice = NoticePage(
        title="草稿",
        slug="draft",
        kind=NoticeKind.TENDER,
        live=False,
        published_on=D(2026, 9, 13),
        bid_deadline=aware(2026, 9, 20),
    )
    project.add_child(instance=notice)
    revision = notice.save_revision()
    with pytest.raises(ValidationError):
        revision.publish()


def test_correction_within_15_days_must_move_the_deadline(make_project, publish_notice):
    project = make_project()
    publish_notice(project, NoticeKind.TENDER, published_on=D(2026, 9, 1), bid_deadline=aware(2026, 10, 12))
    # 28 Sep + 15 days = 13 Oct > 12 Oct: the deadline must move.
    with pytest.raises(ValidationError) as exc:
        publish_notice(project, NoticeKind.CORRECTION, published_on=D(2026, 9, 28), affects_bids=True)
    message = " ".join(exc.value.message_dict["new_bid_deadline"])
    assert "政府采购法实施条例第三十一条" in message and "2026-10-13" in message
    with pytest.raises(ValidationError):
        publish_notice(
            project, NoticeKind.CORRECTION, published_on=D(2026, 9, 28), new_bid_deadline=aware(2026, 10, 12)
        )
    publish_notice(project, NoticeKind.CORRECTION, published_on=D(2026, 9, 28), new_bid_deadline=aware(2026, 10, 13))
    assert project.bid_deadline == aware(2026, 10, 13)


def test_correction_early_enough_needs_no_new_deadline(make_project, publish_notice):
    project = make_project()
    publish_notice(project, NoticeKind.TENDER, published_on=D(2026, 9, 1), bid_deadline=aware(2026, 10, 12))
    notice = publish_notice(project, NoticeKind.CORRECTION, published_on=D(2026, 9, 21), affects_bids=True)
    assert notice.live and project.bid_deadline == aware(2026, 10, 12)


def test_late_result_is_allowed_and_marked_with_working_days(make_project, publish_notice):
    project = make_project()
    # Decision Tue 29 Sep: limit 8 Oct. Published Wed 14 Oct: 9, 10 (Sat make-up), 12, 13, 14 = 5 late.
    notice = publish_notice(
        project,
        NoticeKind.RESULT,
        published_on=D(2026, 10, 14),
        decision_date=D(2026, 9, 29),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
    )
    assert notice.late_working_days == 5
    assert project.stage() == Stage.AWARDED
    on_time = publish_notice(
        project,
        NoticeKind.CONTRACT,
        published_on=D(2026, 10, 16),
        signed_on=D(2026, 10, 14),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        amount=Decimal("480000"),
    )
    assert on_time.late_working_days == 0
    project.refresh_from_db()
    assert project.stage() == Stage.CONTRACTED


def test_unofficial_year_gives_a_warning(make_project):
    project = make_project()
    notice = NoticePage(
        title="跨年招标",
        kind=NoticeKind.TENDER,
        published_on=D(2026, 12, 20),
        bid_deadline=aware(2027, 1, 20),
        project=project,
    )
    check = notice.rule_check()
    assert not check.errors
    assert any("2027" in w and "尚未载入" in w for w in check.warnings)


def test_required_fields_by_kind(make_project, publish_notice):
    project = make_project()
    with pytest.raises(ValidationError) as exc:
        publish_notice(project, NoticeKind.RESULT, published_on=D(2026, 10, 14))
    assert {"decision_date", "supplier_name", "amount"} <= set(exc.value.message_dict)


def test_single_source_publicity(make_project, publish_notice):
    project = make_project(method=Method.SINGLE_SOURCE)
    with pytest.raises(ValidationError) as exc:
        publish_notice(
            project,
            NoticeKind.SINGLE_SOURCE,
            published_on=D(2026, 9, 29),
            publicity_end=D(2026, 10, 9),
            supplier_name="某中心",
            single_source_reason="唯一具备罕见病跟踪资质的机构",
        )
    assert "2026-10-12" in " ".join(exc.value.message_dict["publicity_end"])
    notice = publish_notice(
        project,
        NoticeKind.SINGLE_SOURCE,
        published_on=D(2026, 9, 29),
        publicity_end=D(2026, 10, 12),
        supplier_name="某中心",
        single_source_reason="唯一具备罕见病跟踪资质的机构",
    )
    assert notice.live


def test_intention_prequalification_and_documents_period(make_project, publish_notice):
    project = make_project(method=Method.OPEN)
    # Intention on 5 Sep: 30 days end on 5 Oct (holiday), so procurement may start on 8 Oct.
    with pytest.raises(ValidationError) as exc:
        publish_notice(project, NoticeKind.INTENTION, published_on=D(2026, 9, 5), planned_start=D(2026, 10, 7))
    assert "2026-10-08" in " ".join(exc.value.message_dict["planned_start"])
    publish_notice(project, NoticeKind.INTENTION, published_on=D(2026, 9, 5), planned_start=D(2026, 10, 8))
    # Prequalification on 29 Sep: 5 working days end on 12 Oct (Sat 10 Oct counted).
    with pytest.raises(ValidationError) as exc:
        publish_notice(
            project, NoticeKind.PREQUALIFICATION, published_on=D(2026, 9, 29), bid_deadline=aware(2026, 10, 9)
        )
    assert "财政部令第87号" in " ".join(exc.value.message_dict["bid_deadline"])
    publish_notice(project, NoticeKind.PREQUALIFICATION, published_on=D(2026, 9, 29), bid_deadline=aware(2026, 10, 12))
    # Tender documents available from 29 Sep must be offered until at least 12 Oct.
    with pytest.raises(ValidationError) as exc:
        publish_notice(
            project,
            NoticeKind.TENDER,
            published_on=D(2026, 9, 29),
            documents_until=D(2026, 10, 9),
            bid_deadline=aware(2026, 10, 20),
        )
    assert "招标文件提供期限" in " ".join(exc.value.message_dict["documents_until"])
