"""The seeded demo is the portal's first impression: nothing on its public pages may make a reader
(a journalist) doubt it. Phone numbers carry their city's area code, evaluation periods lie within
the evaluated service period, composite scores are explained, the register's answers agree with
their findings and differ from case to case, published summaries are summaries, no provider shows
twice among the newest verified, one hotline everywhere, and notice pages state what their PDFs do
with money written one way."""

import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from portal.reference.data.area_codes import area_code

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

UNFORMATTED_MONEY = re.compile(r"\d{4,}(?:\.\d+)?\s*元")
FORMATTED_MONEY = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2} 元")


def _text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_every_phone_number_carries_its_citys_area_code(demo):
    from portal.disclosures.models import ProcurementProjectPage, TownshipCapacity
    from portal.oversight.models import HandlingBody
    from portal.providers.models import Provider, ProviderApplication

    wrong = []
    rows = [
        (f"乡镇窗口 {c.township.name}", c.township.code, c.window_phone)
        for c in TownshipCapacity.objects.select_related("township")
    ]
    rows += [(p.title, p.region.code, p.contact_phone) for p in ProcurementProjectPage.objects.select_related("region")]
    rows += [(p.name, p.region.code, p.contact_phone) for p in Provider.objects.select_related("region")]
    rows += [(a.name, a.region.code, a.contact_phone) for a in ProviderApplication.objects.select_related("region")]
    rows += [(b.name, b.region.code, b.phone) for b in HandlingBody.objects.select_related("region")]
    assert len(rows) > 1500
    for what, code, phone in rows:
        if phone and re.match(r"^0\d{2,3}-", phone) and not phone.startswith(area_code(code) + "-"):
            wrong.append(f"{what}: {phone} (expected {area_code(code)})")
    assert not wrong, f"{len(wrong)} numbers with another city's area code, e.g. {wrong[:5]}"
    capacity = TownshipCapacity.objects.select_related("township").filter(township__code__startswith="3301").first()
    assert capacity.window_phone.startswith("0571-")


def test_evaluation_periods_lie_within_the_evaluated_service_period(demo):
    from django.utils import timezone

    from portal.evaluations.models import EvaluationResultPage

    results = list(EvaluationResultPage.objects.select_related("project", "contract"))
    assert len(results) >= 30
    assert {r.grade for r in results} == {"excellent", "good", "pass", "fail"}
    today = timezone.localdate()
    for r in results:
        project = r.project
        assert project.service_start <= r.period_start <= r.period_end <= project.service_end, r.title
        assert r.period_end < r.evaluated_on <= today, r.title
        assert r.year == r.period_end.year and str(r.period_start.year) in r.title
        if r.contract_id:
            assert r.contract.contract_start <= r.period_start and r.period_end <= r.contract.contract_end


def test_composite_scores_are_weighted_averages_and_the_page_shows_how(demo, client):
    from portal.evaluations.models import EvaluationResultPage

    results = list(EvaluationResultPage.objects.live().select_related("scheme"))
    for r in results:
        parts = (r.purchaser_score, r.satisfaction_rate, r.third_party_score)
        assert min(parts) <= r.composite_score <= max(parts), r.title
        # The third party scores the three dimensions; its score is their average.
        dims = (r.effect_score, r.management_score, r.impact_score)
        assert min(dims) <= r.third_party_score <= max(dims), r.title
    above = next(
        (r for r in results if r.composite_score > max(r.effect_score, r.management_score, r.impact_score)), None
    )
    result = above or results[0]
    html = client.get(result.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    formula = soup.find(id="composite-formula").get_text(" ", strip=True)
    scheme = result.scheme
    for weight, score in (
        (scheme.purchaser_weight, result.purchaser_score),
        (scheme.satisfaction_weight, result.satisfaction_rate),
        (scheme.third_party_weight, result.third_party_score),
    ):
        assert f"{score} × {weight.normalize():f}%" in formula
    assert formula.endswith(f"= {result.composite_score}")
    assert "不直接计入综合得分" in soup.find(id="dimension-note").get_text()


def test_register_answers_agree_with_findings_and_differ_from_case_to_case(demo, client):
    from portal.oversight.models import Case, Finding

    answered = list(Case.objects.exclude(public_answer=""))
    assert answered
    for case in answered:
        answer = case.public_answer
        if case.finding == Finding.SUBSTANTIATED:
            assert "属实" in answer and "部分属实" not in answer and "不属实" not in answer, answer
        elif case.finding == Finding.PARTLY:
            assert "部分属实" in answer, answer
        elif case.finding == Finding.UNSUBSTANTIATED:
            assert "不属实" in answer and "部分属实" not in answer, answer
    published = list(Case.objects.published())
    assert len(published) >= 10
    answers = [c.public_answer for c in published]
    assert len(set(answers)) == len(answers), "two published cases carry the same answer"
    for case in published:
        assert not re.search(r"我叫|某某|^我|1[3-9]\d{9}", case.redacted_summary), case.redacted_summary
    # As the register shows it: the finding next to an answer that says the same.
    case = next(c for c in published if c.finding == Finding.PARTLY)
    text = _text(client.get(f"/oversight/register/{case.reference}/"))
    assert "部分属实" in text and case.public_answer in text


def test_no_provider_twice_among_the_newest_verified(demo, client):
    from portal.providers.models import Provider

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    heading = next(h for h in soup.find_all("h3") if "最新核验" in h.get_text())
    names = [a.get_text(strip=True) for a in heading.find_next("ul").find_all("a")]
    assert len(names) == 5 and len(set(names)) == len(names), names
    # Nor two registry entries under one name (two credit codes for what reads as one organisation).
    all_names = list(Provider.objects.values_list("name", flat=True))
    assert len(set(all_names)) == len(all_names)


def test_one_hotline_in_the_footer_and_the_takeover_plans(demo, client):
    from wagtail.models import Site

    from portal.disclosures.models import ProcurementProjectPage
    from portal.home.models import PortalSettings
    from portal.publicity.models import CampaignPage

    hotline = PortalSettings.for_site(Site.objects.get(is_default_site=True)).hotline
    project = ProcurementProjectPage.objects.live().exclude(takeover_plan="").first()
    for page in (project, CampaignPage.objects.live().first()):
        text = _text(client.get(page.url))
        numbers = set(re.findall(r"(?<!\d)123\d\d(?!\d)", text))
        assert numbers == {hotline}, (page.url, numbers)
    plans = set(ProcurementProjectPage.objects.values_list("takeover_plan", flat=True))
    assert all(set(re.findall(r"(?<!\d)123\d\d(?!\d)", plan)) <= {hotline} for plan in plans)


def test_notice_pages_state_what_their_pdfs_do_with_money_written_one_way(demo, client):
    from pypdf import PdfReader

    from portal.disclosures.models import NoticePage

    notice = (
        NoticePage.objects.live()
        .filter(kind="result")
        .exclude(project__agency="")
        .exclude(project__contact_phone="")
        .select_related("project")
        .first()
    )
    project = notice.project
    page = _text(client.get(notice.url))
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(notice.url + "pdf/").content)).pages)
    pdf = re.sub(r"\s+", "", pdf)
    budget = f"{project.budget:,.2f} 元"
    for expected in (project.agency, project.contact_name, project.contact_phone, budget, f"{notice.amount:,.2f} 元"):
        assert expected in page, expected
        assert expected.replace(" ", "") in pdf, expected
    for label in ("采购代理机构", "联系人", "联系电话", "预算金额", "服务项目"):
        assert label in page and label in pdf
    assert Decimal(project.budget) >= 1000

    for url in (notice.url, project.url, "/disclosures/notices/", "/"):
        text = _text(client.get(url))
        assert not UNFORMATTED_MONEY.search(text), (url, UNFORMATTED_MONEY.search(text)[0])
    assert FORMATTED_MONEY.search(_text(client.get("/disclosures/notices/")))


def test_suppliers_and_evaluated_providers_are_in_the_registry(demo, client):
    """Every winner of a result or contract notice and every evaluated provider is a registry
    provider of the project's city that offers the project's service: a provider's profile lists
    the contracts it won and its evaluations, as it would for what editors publish."""
    from portal.disclosures.models import NoticeKind, NoticePage
    from portal.evaluations.models import EvaluationResultPage
    from portal.providers.models import Provider

    registry = {p.credit_code: p for p in Provider.objects.select_related("region").prefetch_related("service_items")}
    notices = NoticePage.objects.live().filter(kind__in=[NoticeKind.RESULT, NoticeKind.CONTRACT])
    notices = notices.select_related("project__region").prefetch_related("project__service_items")
    assert notices.count() > 20
    stray = []
    for notice in notices:
        provider = registry.get(notice.supplier_credit_code)
        project = notice.project
        if provider is None or provider.name != notice.supplier_name:
            stray.append(f"{notice.title}: {notice.supplier_name} {notice.supplier_credit_code} not in the registry")
        elif provider.region.code[:4] != project.region.code[:4]:
            stray.append(f"{notice.title}: {provider.name} is not of {project.region.name}'s city")
        elif not {s.pk for s in project.service_items.all()} & {s.pk for s in provider.service_items.all()}:
            stray.append(f"{notice.title}: {provider.name} does not offer the project's service")
    evaluated = EvaluationResultPage.objects.live().values_list("title", "provider_credit_code", "provider_name")
    stray += [f"{title}: {name} not in the registry" for title, code, name in evaluated if code not in registry]
    assert not stray, f"{len(stray)} strays, e.g. " + "; ".join(stray[:5])
    # The winner's profile lists the contract.
    contract = notices.filter(kind=NoticeKind.CONTRACT).first()
    profile = client.get(f"/providers/{contract.supplier_credit_code}/")
    assert profile.status_code == 200
    assert contract.project.title in _text(profile)


def test_evaluation_results_are_published_after_their_evaluation_on_a_working_day(demo):
    """A result goes public within 20 working days after the evaluation it reports, never later than
    today and never on a rest day, as an editor's publication would (not all on the day the demo was
    seeded); listings and search show that date."""
    from django.utils import timezone

    from portal.evaluations.models import EvaluationResultPage
    from portal.reference.workdays import calendar

    cal, today = calendar(), timezone.localdate()
    wrong = []
    for result in EvaluationResultPage.objects.live():
        published = timezone.localdate(result.first_published_at)
        latest = min(cal.add_working_days(result.evaluated_on, 20).date, today)
        if not (result.evaluated_on <= published <= latest) or not cal.is_workday(published):
            wrong.append(f"{result.title}: evaluated {result.evaluated_on}, published {published}")
    assert not wrong, f"{len(wrong)} results, e.g. " + "; ".join(wrong[:5])
