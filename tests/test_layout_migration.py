"""A database built before "One house" (issue 17) migrates to the new layout with nothing lost:
Region, ServiceItem, CalendarYear and CalendarDay move from disclosures to reference, the registry
backlog from portal_search to providers, exit decisions from disclosures to providers, township
capacity from home to disclosures, evaluation schemes and result pages from disclosures to evaluations. The tables
stay; the state moves and the content types are renamed in place, so rows, foreign keys, content
type ids and the permissions granted on them all survive. Runs on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The leaf migration of each app on main before the moves (commit 1ad517c).
BEFORE = [
    ("disclosures", "0007_admin_field_labels"),
    ("home", "0008_chinese_names_for_wagtail_defaults"),
    ("providers", "0003_name_order_index"),
    ("portal_search", "0003_provider_name_runs"),
    ("oversight", "0006_international_email_addresses"),
    ("publicity", "0003_alter_campaignpage_body_and_more"),
]
MOVED = {
    "region": ("disclosures", "reference"),
    "serviceitem": ("disclosures", "reference"),
    "calendaryear": ("disclosures", "reference"),
    "calendarday": ("disclosures", "reference"),
    "pendingindexupdate": ("portal_search", "providers"),
    "exitdecisiontask": ("disclosures", "providers"),
    "townshipcapacity": ("home", "disclosures"),
    "staffingrule": ("home", "disclosures"),
    "evaluationscheme": ("disclosures", "evaluations"),
    "evaluationresultpage": ("disclosures", "evaluations"),
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_migrates_with_nothing_lost():
    leaves = _leaves()
    old = _migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    permission = old.get_model("auth", "Permission")
    group_model = old.get_model("auth", "Group")
    # Content types and permissions as the old layout's post_migrate created them.
    ids = {}
    for model, (old_label, _new) in MOVED.items():
        ct, _ = content_type.objects.get_or_create(app_label=old_label, model=model)
        ids[model] = ct.pk
        permission.objects.get_or_create(content_type=ct, codename=f"change_{model}", defaults={"name": model})
    group = group_model.objects.create(name="省级管理员（迁移测试）")
    group.permissions.add(*permission.objects.filter(content_type_id__in=ids.values()))

    region_model = old.get_model("disclosures", "Region")
    province = region_model.objects.create(code="990000", name="测试省", level=1)
    city = region_model.objects.create(code="990100", name="测试市", level=2, parent=province)
    item = old.get_model("disclosures", "ServiceItem").objects.create(
        name="测试服务", category="service", served_groups="测试对象", sort_order=99
    )
    year = old.get_model("disclosures", "CalendarYear").objects.create(year=2099, official=False)
    day = old.get_model("disclosures", "CalendarDay").objects.create(
        date=dt.date(2099, 1, 1), kind="holiday", name="元旦"
    )
    body = old.get_model("oversight", "HandlingBody").objects.create(name="测试市民政局", region=city)
    backlog = old.get_model("portal_search", "PendingIndexUpdate").objects.create(provider_id=424242, action="index")
    scheme = old.get_model("disclosures", "EvaluationScheme").objects.create(
        name="迁移测试方案", purchaser_weight=30, satisfaction_weight=40, third_party_weight=30
    )
    township = region_model.objects.create(code="990101001", name="测试街道", level=4, parent=city)
    capacity = old.get_model("home", "TownshipCapacity").objects.create(
        township=township, recipients=620, recipients_as_of=dt.date(2026, 9, 30), posts_filled=2
    )

    new = _migrate(leaves)

    for model, (_old_label, new_label) in MOVED.items():
        ct = new.get_model("contenttypes", "ContentType").objects.get(pk=ids[model])
        assert (ct.app_label, ct.model) == (new_label, model)
    granted = set(
        new.get_model("auth", "Group")
        .objects.get(pk=group.pk)
        .permissions.values_list("content_type__app_label", flat=True)
    )
    assert granted == {"reference", "providers", "disclosures", "evaluations"}

    region = new.get_model("reference", "Region")
    assert region.objects.get(pk=city.pk).parent_id == province.pk
    assert new.get_model("reference", "ServiceItem").objects.get(pk=item.pk).name == "测试服务"
    assert new.get_model("reference", "CalendarYear").objects.get(pk=year.pk).year == 2099
    assert new.get_model("reference", "CalendarDay").objects.get(pk=day.pk).name == "元旦"
    handling_body = new.get_model("oversight", "HandlingBody").objects.get(pk=body.pk)
    assert handling_body.region_id == city.pk
    assert region.objects.get(pk=handling_body.region_id).name == "测试市"
    assert new.get_model("providers", "PendingIndexUpdate").objects.get(pk=backlog.pk).provider_id == 424242
    assert new.get_model("evaluations", "EvaluationScheme").objects.get(pk=scheme.pk).name == "迁移测试方案"
    moved = new.get_model("disclosures", "TownshipCapacity").objects.get(pk=capacity.pk)
    assert (moved.township_id, moved.recipients, moved.posts_filled) == (township.pk, 620, 2)

    # And back: the old layout is restored with the same rows (the moves are reversible).
    back = _migrate(BEFORE)
    assert back.get_model("disclosures", "Region").objects.get(pk=city.pk).name == "测试市"
    assert back.get_model("contenttypes", "ContentType").objects.get(pk=ids["region"]).app_label == "disclosures"
    _migrate(leaves)
