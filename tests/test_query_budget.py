"""Every public page and view runs at most 15 SQL queries with a cold cache, and doubling the
amount of content does not raise that number (issue 9: "at most 15 SQL queries for any public
page, whatever its size").

One representative data set (sections with their region folders, projects and notices, evaluation
results, providers, criteria, campaigns, materials, training courses, standard pages, complaints in
the public register) is built once for the module inside a transaction that is rolled back at the
end; each test still runs in its own savepoint. The `doubled` fixture first measures every page on
that data set, then adds a second batch of the same size, so the bounded tests compare the counts
of the same pages on twice the data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

BUDGET = 15

# Batches of content: the first is the representative data set, the second doubles it.
PROJECTS_PER_BATCH = 4
PROVIDERS_PER_BATCH = 6
PAGES_PER_BATCH = 4
CASES_PER_BATCH = 4


def _aware(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 9, 30))


def _build_structure(regions):
    """Sections, their region folders, the evaluation scheme, handling bodies and a handler."""
    from portal.disclosures.factories import NoticeIndexPageFactory
    from portal.evaluations.models import EvaluationScheme
    from portal.home.factories import SectionPageFactory
    from portal.home.models import HomePage, PortalSettings
    from portal.home.roles import ensure_region_folders, setup_roles
    from portal.oversight.factories import HandlingBodyFactory
    from portal.publicity.factories import CampaignIndexPageFactory
    from tests.oversight.conftest import make_handler

    home = HomePage.objects.get()
    site = home.get_site()
    PortalSettings.objects.get_or_create(site=site, defaults={"phone": "0571-87053100"})  # as in production
    news = SectionPageFactory(parent=home, title="工作动态", slug="news", show_in_menus=True)
    notices = NoticeIndexPageFactory(parent=home)
    publicity = CampaignIndexPageFactory(parent=home)
    setup_roles()
    structure = {
        "home": home,
        "news": news,
        "notice_index": notices,
        "publicity": publicity,
        "news_folders": ensure_region_folders(news),
        "notice_folders": ensure_region_folders(notices),
        "publicity_folders": ensure_region_folders(publicity),
        "scheme": EvaluationScheme.objects.create(
            name="测试方案",
            purchaser_weight=Decimal("30"),
            satisfaction_weight=Decimal("40"),
            third_party_weight=Decimal("30"),
        ),
    }
    for code in ("330000", "330100", "330106", "330200"):
        HandlingBodyFactory(region=regions[code], name=f"{regions[code].name}办理机构")
    structure["handler"] = make_handler("budget-handler", view_all=True)
    return structure


def _build_procurement(batch, s, regions, items):
    from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage
    from portal.evaluations.models import EvaluationResultPage

    made = {"projects": [], "notices": [], "results": []}
    for n in range(PROJECTS_PER_BATCH):
        code = ("330106", "330203")[n % 2]
        key = f"{batch}-{n}"
        project = ProcurementProjectPage(
            title=f"社会救助对象照料护理服务采购项目{key}",
            slug=f"project-{key}",
            project_number=f"ZJ-BUDGET-{batch}{n:03d}",
            purchaser=f"{regions[code].name}民政局",
            region=regions[code],
            method=Method.OPEN,
            budget=Decimal("500000.00"),
            contact_name="王老师",
            contact_phone="0571-87000000",
            summary="为辖区特困人员提供上门照料护理服务。",
        )
        s["notice_folders"][code].add_child(instance=project)
        project.service_items.set([items["社会救助对象照料护理"], items["社会救助对象心理疏导"]])
        project.save_revision().publish()
        notice = NoticePage(
            title=f"{project.title}采购公告",
            slug=f"tender-{key}",
            kind=NoticeKind.TENDER,
            published_on=dt.date(2026, 9, 1),
            bid_deadline=_aware(2026, 10, 12),
            body="<p>欢迎符合条件的供应商参加。</p>",
            live=False,
        )
        project.add_child(instance=notice)
        notice.save_revision().publish()
        made["projects"].append(project)
        made["notices"].append(notice)
        result = EvaluationResultPage(
            title=f"{project.title}绩效评价结果",
            slug=f"evaluation-{key}",
            scheme=s["scheme"],
            provider_credit_code="52330106MJ0000001X",
            provider_name="西湖区阳光社会工作服务中心",
            year=2025,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            evaluated_on=dt.date(2026, 3, 1),
            evaluator="浙江公益评估中心",
            purchaser_score=Decimal("90"),
            satisfaction_rate=Decimal("88"),
            survey_sample_size=120,
            survey_method="入户问卷",
            third_party_score=Decimal("86"),
            effect_score=Decimal("88"),
            management_score=Decimal("92"),
            impact_score=Decimal("85"),
            live=False,
        )
        project.add_child(instance=result)
        result.save_revision().publish()
        made["results"].append(result)
    return made


def _build_registry(batch, regions, items):
    from portal.providers.factories import CriterionFactory, ProviderFactory

    names = list(items)
    providers = [
        ProviderFactory(
            name=f"{regions[code].name}第{batch}{n}阳光社会工作服务中心",
            region=regions[code],
            service_items=[items[names[n % len(names)]], items["社会救助对象照料护理"]],
        )
        for n, code in enumerate(("330106", "330108", "330203", "330100", "330302", "330106"))
    ][:PROVIDERS_PER_BATCH]
    criteria = [CriterionFactory(code=f"B{batch}-{n}") for n in range(2)]
    criteria.append(CriterionFactory(code=f"B{batch}-local", region=regions["330100"], title="杭州市本地条件"))
    return {"providers": providers, "criteria": criteria}


def _build_publicity(batch, s, items):
    from portal.publicity.factories import (
        CampaignPageFactory,
        MaterialPageFactory,
        TrainingCoursePageFactory,
        materials,
    )

    folders = s["publicity_folders"]
    made = {"campaigns": [], "materials": [], "courses": []}
    for n in range(PAGES_PER_BATCH):
        folder = folders[("330106", "330203")[n % 2]]
        material = MaterialPageFactory(parent=folder, title=f"救助政策海报{batch}-{n}", slug=f"poster-{batch}-{n}")
        material.service_items.set([items["社会救助政策宣传"]])
        material.save_revision().publish()
        campaign = CampaignPageFactory(
            parent=folder,
            title=f"社会救助政策进社区{batch}-{n}",
            slug=f"campaign-{batch}-{n}",
            body=[("rich_text", "<p>应知尽知、应享尽享。</p>"), materials(material)],
        )
        campaign.service_items.set([items["社会救助政策宣传"], items["社会救助对象照料护理"]])
        campaign.save_revision().publish()
        course = TrainingCoursePageFactory(
            parent=folder, title=f"经办人员业务培训{batch}-{n}", slug=f"training-{batch}-{n}"
        )
        course.service_items.set([items["社会救助业务培训"]])
        course.save_revision().publish()
        made["campaigns"].append(campaign)
        made["materials"].append(material)
        made["courses"].append(course)
    return made


def _build_news(batch, s):
    from portal.home.factories import StandardPageFactory

    pages = []
    for n in range(PAGES_PER_BATCH):
        page = StandardPageFactory(
            parent=s["news_folders"][("330106", "330100")[n % 2]],
            title=f"西湖区照料护理服务动态{batch}-{n}",
            slug=f"news-{batch}-{n}",
        )
        page.save_revision().publish()
        pages.append(page)
    return {"news_pages": pages}


def _build_cases(batch, s, regions):
    from portal.oversight.factories import CaseFactory
    from portal.oversight.services import handling

    cases = []
    for n in range(CASES_PER_BATCH):
        case = CaseFactory(
            reference=f"TS-2026-{800000 + batch * 100 + n:06d}",
            region=regions[("330106", "330100")[n % 2]],
            subject_text=f"某服务站照料护理质量{batch}-{n}",
        )
        handling.change_status(case, "accepted", s["handler"])
        handling.change_status(case, "answered", s["handler"], answer="经核查属实，已责令服务机构整改。")
        case.refresh_from_db()
        if n < CASES_PER_BATCH - 1:  # the last one stays out of the register (no reviewed summary)
            handling.publish_summary(case, f"护理员未按时上门服务{batch}-{n}。", s["handler"])
        cases.append(case)
    return {"cases": cases}


def build_batch(batch, structure):
    from portal.reference.models import Region, ServiceItem

    regions = {r.code: r for r in Region.objects.filter(level__lte=3)}
    items = {i.name: i for i in ServiceItem.objects.all()}
    data = {}
    data.update(_build_procurement(batch, structure, regions, items))
    data.update(_build_registry(batch, regions, items))
    data.update(_build_publicity(batch, structure, items))
    data.update(_build_news(batch, structure))
    data.update(_build_cases(batch, structure, regions))
    return data


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The first batch of content, kept for the whole module and rolled back at its end."""
    from portal.reference.models import Region

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            regions = {r.code: r for r in Region.objects.filter(level__lte=3)}
            structure = _build_structure(regions)
            data = {**structure, **build_batch(1, structure)}
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def _page_url(page):
    return page.specific.url


SELF_CHECK = (
    "check=1&provider_type=social_org&registered_on=2016-05-20&region=330106&target_region=330106"
    "&service_items={service}&staff_count=20&social_worker_count=5&civil_liability=yes&facilities=yes"
    "&governance=yes&finance=yes&financial_report=yes&restricted=no"
)

# Every public page type and view: (test id, function of the data set giving the URL, method).
PAGES = [
    ("home", lambda d: "/"),
    ("section", lambda d: _page_url(d["news"])),
    ("section-city-folder", lambda d: _page_url(d["news_folders"]["330100"])),
    ("section-county-folder", lambda d: _page_url(d["news_folders"]["330106"])),
    ("standard-page", lambda d: _page_url(d["news_pages"][0])),
    ("notice-index-page", lambda d: _page_url(d["notice_index"])),
    ("notice-county-folder", lambda d: _page_url(d["notice_folders"]["330106"])),
    ("notice-list", lambda d: "/disclosures/notices/"),
    ("notice-list-filtered", lambda d: "/disclosures/notices/?kind=tender&region=330100&method=open_tender"),
    ("notice-list-search", lambda d: "/disclosures/notices/?q=照料护理"),
    ("notice-list-page-2", lambda d: "/disclosures/notices/?page=2&sort=oldest"),
    ("notice-csv", lambda d: "/disclosures/notices/notices.csv"),
    ("notice", lambda d: _page_url(d["notices"][0])),
    ("notice-pdf", lambda d: _page_url(d["notices"][0]) + "pdf/"),
    ("project", lambda d: _page_url(d["projects"][0])),
    ("evaluation-list", lambda d: "/disclosures/evaluations/"),
    ("evaluation-list-filtered", lambda d: "/disclosures/evaluations/?region=330100&year=2025"),
    ("evaluation-result", lambda d: _page_url(d["results"][0])),
    ("deadline-calculator", lambda d: "/disclosures/deadlines/"),
    ("capacity", lambda d: "/disclosures/capacity/"),
    ("directory", lambda d: "/providers/"),
    ("directory-filtered", lambda d: f"/providers/?region=330100&service={d['service_pk']}&status=active"),
    ("directory-search", lambda d: "/providers/?q=阳光社会工作"),
    ("provider-profile", lambda d: f"/providers/{d['providers'][0].credit_code}/"),
    ("provider-apply", lambda d: "/providers/apply/"),
    ("provider-application-track", lambda d: "/providers/apply/track/"),
    ("eligibility-criteria", lambda d: "/providers/eligibility/"),
    ("eligibility-criteria-region", lambda d: "/providers/eligibility/?region=330106"),
    ("eligibility-check", lambda d: "/providers/eligibility-check/"),
    ("eligibility-check-prefill", lambda d: f"/providers/eligibility-check/?code={d['providers'][0].credit_code}"),
    (
        "eligibility-check-answered",
        lambda d: "/providers/eligibility-check/?" + SELF_CHECK.format(service=d["service_pk"]),
    ),
    ("eligibility-check-notice", lambda d: f"/providers/eligibility-check/?notice={d['notices'][0].pk}"),
    ("publicity-index", lambda d: "/publicity/"),
    ("publicity-index-filtered", lambda d: "/publicity/?audience=people&region=330100&year=2026"),
    ("publicity-county-folder", lambda d: _page_url(d["publicity_folders"]["330106"])),
    ("campaign", lambda d: _page_url(d["campaigns"][0])),
    ("material-library", lambda d: "/publicity/materials/"),
    ("material", lambda d: _page_url(d["materials"][0])),
    ("training-list", lambda d: "/publicity/training/"),
    ("training-course", lambda d: _page_url(d["courses"][0])),
    ("complaint-form", lambda d: "/oversight/complaints/new/"),
    ("media-form", lambda d: "/oversight/media/new/"),
    ("tracking-form", lambda d: "/oversight/track/"),
    ("register", lambda d: "/oversight/register/"),
    ("register-filtered", lambda d: "/oversight/register/?region=330100&q=照料护理"),
    ("register-detail", lambda d: f"/oversight/register/{d['cases'][0].reference}/"),
    ("statistics", lambda d: "/oversight/statistics/"),
    ("open-data", lambda d: "/open-data/"),
    ("ocds-releases", lambda d: "/open-data/ocds/releases.json"),
    ("site-search", lambda d: "/search/?q=照料护理"),
    ("site-search-empty", lambda d: "/search/"),
    ("sitemap", lambda d: "/sitemap.xml"),
    ("notice-feed", lambda d: "/feeds/notices.atom"),
    ("robots", lambda d: "/robots.txt"),
]


# Pages still over the budget, each with the reason (strict xfail: once fixed, the mark must go).
# Empty since page routing takes two queries at any depth (portal/home/routing.py).
OVER_BUDGET: dict[str, str] = {}


def _params():
    marks = {name: pytest.mark.xfail(strict=True, reason=reason) for name, reason in OVER_BUDGET.items()}
    return [pytest.param(name, id=name, marks=marks.get(name, ())) for name, _ in PAGES]


def _url(name, data):
    from portal.reference.models import ServiceItem

    data.setdefault("service_pk", ServiceItem.objects.get(name="社会救助对象照料护理").pk)
    return dict(PAGES)[name](data)


def count_queries(url):
    """(status code, queries) of an anonymous GET of `url` with a cold cache."""
    cache.clear()
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, captured.captured_queries


def _describe(queries):
    return "\n".join(f"{n}. {q['sql'][:300]}" for n, q in enumerate(queries, 1))


@pytest.fixture(scope="module")
def doubled(dataset, django_db_blocker):
    """Counts of every page on the first batch, then a second batch of the same size added."""
    with django_db_blocker.unblock():
        baseline = {name: len(count_queries(_url(name, dataset))[1]) for name, _ in PAGES}
        # The URLs stay those of the first batch's objects.
        build_batch(2, dataset)
    return baseline


@pytest.fixture
def data(dataset, db):
    return dataset


@pytest.mark.parametrize("name", _params())
def test_page_within_query_budget(name, data, django_assert_max_num_queries):
    url = _url(name, data)
    cache.clear()
    with django_assert_max_num_queries(BUDGET):
        response = Client().get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"


@pytest.mark.parametrize("name", [pytest.param(name, id=name) for name, _ in PAGES])
def test_query_count_does_not_grow_with_content(name, doubled, data):
    url = _url(name, data)
    status, queries = count_queries(url)
    assert status == 200
    assert len(queries) <= doubled[name], (
        f"{url}: {doubled[name]} queries on one batch of content, {len(queries)} on two:\n{_describe(queries)}"
    )
