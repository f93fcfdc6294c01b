"""The public directory: Chinese keyword search, filters, facet counts, sorting, pagination,
noindex, 400 on bad parameters and bounded queries. Runs on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from portal.providers.factories import ProviderFactory
from portal.providers.search import RegistryParams, get_engine

pytestmark = pytest.mark.django_db

URL = "/providers/"


def names(response):
    assert response.status_code == 200, response.content[:500]
    return [p.name for p in response.context["result"].providers]


@pytest.mark.parametrize(
    "query,expected",
    [
        (
            "照料护理",
            {"杭州市西湖区阳光社会工作服务中心", "宁波市海曙区同心社会工作服务社", "温州市鹿城区爱心照护服务中心"},
        ),
        ("心理疏导", {"杭州市西湖区阳光社会工作服务中心"}),
        ("阳光", {"杭州市西湖区阳光社会工作服务中心"}),
        ("社会工作服务", {"杭州市西湖区阳光社会工作服务中心", "宁波市海曙区同心社会工作服务社"}),
        ("康复", {"杭州市滨江区康宁康复服务中心"}),
        ("经济状况核对", {"杭州慧助信息科技有限公司"}),
        ("西湖区 照料", {"杭州市西湖区阳光社会工作服务中心"}),
        ("不存在的机构名称", set()),
    ],
)
def test_chinese_keyword_search(client, directory, query, expected):
    assert set(names(client.get(URL, {"q": query}))) == expected, f"{query!r} on {connection.vendor}"


def test_relevance_puts_name_matches_first(client, directory):
    found = names(client.get(URL, {"q": "照护"}))
    assert found[0] == "温州市鹿城区爱心照护服务中心"


def test_city_filter_includes_counties_and_county_filter_narrows(client, directory):
    assert set(names(client.get(URL, {"region": "330100"}))) == {
        "杭州市西湖区阳光社会工作服务中心",
        "杭州市滨江区康宁康复服务中心",
        "杭州慧助信息科技有限公司",
    }
    assert names(client.get(URL, {"region": "330108"})) == ["杭州市滨江区康宁康复服务中心"]


def test_filters_combine(client, directory, items):
    service = items["社会救助对象照料护理"].pk
    assert set(names(client.get(URL, {"service": service, "status": "active"}))) == {
        "杭州市西湖区阳光社会工作服务中心",
        "宁波市海曙区同心社会工作服务社",
    }
    assert names(client.get(URL, {"type": "enterprise"})) == ["杭州慧助信息科技有限公司"]
    assert names(client.get(URL, {"grade": "excellent"})) == ["杭州市西湖区阳光社会工作服务中心"]
    assert set(names(client.get(URL, {"grade": "none"}))) == {
        "宁波市海曙区同心社会工作服务社",
        "宁波市社会救助指导中心",
    }
    assert names(client.get(URL, {"status": "exited"})) == ["宁波市社会救助指导中心"]


def test_facet_counts_leave_out_their_own_filter(client, directory, items):
    response = client.get(URL, {"region": "330100", "type": "social_org"})
    result = response.context["result"]
    assert result.total == 2
    # Region facet: counted without the region filter (all social organisations by city).
    assert result.facet_counts("city") == {"330100": 2, "330200": 1, "330300": 1}
    # County facet within the selected city.
    assert result.facet_counts("county") == {"330106": 1, "330108": 1}
    # Type facet: counted without the type filter (everything in Hangzhou).
    assert result.facet_counts("provider_type") == {"social_org": 2, "enterprise": 1}
    service = str(items["社会救助对象康复训练"].pk)
    assert result.facet_counts("service")[service] == 1
    facets = {f["title"]: f for f in response.context["facets"]}
    hangzhou = next(e for e in facets["地区"]["entries"] if e["value"] == "330100")
    assert hangzhou["selected"] and hangzhou["count"] == 2
    content = response.content.decode()
    assert '杭州市 <span class="count">（2）</span>' in content


def test_sorting(client, directory):
    by_grade = names(client.get(URL, {"sort": "grade"}))
    assert by_grade[:4] == [
        "杭州市西湖区阳光社会工作服务中心",
        "杭州市滨江区康宁康复服务中心",
        "杭州慧助信息科技有限公司",
        "温州市鹿城区爱心照护服务中心",
    ]
    newest = names(client.get(URL, {"sort": "registered_desc"}))
    assert newest[0] == "宁波市海曙区同心社会工作服务社"
    oldest = names(client.get(URL, {"sort": "registered_asc"}))
    assert oldest[0] == "宁波市社会救助指导中心"


def test_restricted_providers_are_flagged(client, directory):
    content = client.get(URL).content.decode()
    assert "暂停承接" in content and "已退出" in content
    assert 'class="provider-row provider-restricted"' in content


def test_pagination_and_noindex(client, directory):
    response = client.get(URL, {"per_page": "10"})
    assert response.context["page_obj"].paginator.num_pages == 1
    assert b'name="robots" content="noindex"' in response.content
    assert b'name="robots"' not in client.get(URL).content
    assert b'name="robots" content="noindex"' in client.get(URL, {"q": "照料"}).content
    # A page past the end shows the last page rather than an error.
    assert client.get(URL, {"page": "99"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "0"},
        {"region": "999999"},
        {"service": "abc"},
        {"type": "government"},
        {"status": "paused"},
        {"grade": "A"},
        {"sort": "random"},
        {"per_page": "1000"},
        {"q": "照" * 101},
    ],
)
def test_invalid_parameters_give_400(client, directory, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "查询参数有误" in response.content.decode() or "页码" in response.content.decode()


QUERY_LIMIT = 20


def test_query_count_is_bounded_whatever_the_page_size(client, directory, django_assert_max_num_queries, regions):
    for n in range(60):
        ProviderFactory(name=f"测试社会工作服务中心{n:03d}")
    params = {"region": "330100", "q": "服务"}
    client.get(URL, params)  # warm the per-process caches (site, settings, segmentation)
    with django_assert_max_num_queries(QUERY_LIMIT) as small_queries:
        small = client.get(URL, {**params, "per_page": "10"})
    with django_assert_max_num_queries(QUERY_LIMIT) as large_queries:
        large = client.get(URL, {**params, "per_page": "100"})
    assert len(small.context["result"].providers) == 10
    assert len(large.context["result"].providers) > 60
    # The same number of queries for 10 or 60+ rows: nothing runs per row.
    assert len(small_queries) == len(large_queries)


def test_engine_matches_filterset(directory):
    from portal.providers.filters import ProviderFilterSet
    from portal.providers.models import Provider

    for data in [{"q": "照料"}, {"region": "330100"}, {"grade": "none", "sort": "name"}, {}]:
        filterset = ProviderFilterSet.bind(data, Provider.objects.all())
        params = filterset.to_params()
        assert get_engine().matching_ids(params) == list(filterset.qs.values_list("pk", flat=True))


def test_engine_reports_highlights_and_not_degraded(directory):
    result = get_engine().search(RegistryParams(q="心理疏导"))
    assert not result.degraded and result.engine == "database"
    (provider,) = result.providers
    assert "心理疏导" in result.highlights[provider.pk]["description"]


def test_profile_page(client, directory):
    provider = directory["lucheng"]
    response = client.get(provider.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "年度绩效评价不合格，暂停承接资格。" in content
    assert "2099-01-31" in content
    assert "民政" in content and "温州市鹿城区" in content
    assert client.get(f"/providers/{provider.credit_code.lower()}/").status_code == 200
    assert client.get("/providers/91350100M000100Y43/").status_code == 404


def test_home_section(client, directory):
    content = client.get("/").content.decode()
    assert "承接主体" in content
    assert "名录收录 6 家机构" in content


def test_profile_query_count_is_bounded(client, directory, django_assert_max_num_queries):
    provider = directory["lucheng"]
    client.get(provider.get_absolute_url())
    with django_assert_max_num_queries(14):
        assert client.get(provider.get_absolute_url()).status_code == 200


def test_api_schema_lists_check_code(client):
    schema = client.get("/api/v1/schema/").json()
    assert "/api/v1/providers/check-code/" in schema["paths"]
