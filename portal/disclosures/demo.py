"""Demo procurement data: the disclosures section and projects in every city with every method
and every stage (open for bids today, evaluating, awarded with some late result notices,
contracted, accepted, terminated), with attached documents. Idempotent: projects are keyed by
project number. `--size large` creates 3,000 projects."""

import datetime as dt
import time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.core.caching import purge
from portal.core.pdf import render_pdf
from portal.home.models import HomePage
from portal.home.roles import ensure_region_folders
from portal.providers.models import Provider, ProviderStatus
from portal.reference import codes
from portal.reference import credit_code as credit_code_check
from portal.reference.data.area_codes import landline
from portal.reference.models import Region, ServiceItem
from portal.reference.workdays import calendar

from .demo_plan import STAGES, plan_project
from .factories import NoticeIndexPageFactory, NoticePageFactory, ProcurementProjectPageFactory
from .models import Method, NoticeDocument, NoticeIndexPage, NoticeKind, ProcurementProjectPage

ORDER = 30

SMALL_PER_CITY = 4
# Completed projects of earlier years (planned as "accepted" on a day one or two years back), so that
# the evaluations and the registry have a history: per city in the small demo, in total in the large.
HISTORY_YEARS = (1, 2)
HISTORY_SERIAL = 90000  # their serials, after every current project's
LARGE_HISTORY = 300
# The counties of the demo accounts (home/demo.py): 西湖区, 滨江区, 海曙区.
FEATURED = ("330106", "330108", "330203")
LARGE_TOTAL = 3000

SUPPLIERS = [
    ("阳光社会工作服务中心", "52"),
    ("益民社工服务社", "52"),
    ("康乐养老服务有限公司", "91"),
    ("仁爱社会工作发展中心", "52"),
    ("同心公益服务中心", "52"),
]
PANEL = ["张建国", "李秀英", "王志强", "陈丽华", "刘海涛", "周晓燕", "吴国平"]


def credit_code(prefix, region_code, serial):
    """A well-formed unified social credit code (GB 32100-2015 check character) for demo suppliers."""
    body = f"{prefix}{codes.county_level_code(region_code)}{serial:09d}"[:17]
    return body + credit_code_check.check_character(body)


def _aware(day, hour=9, minute=30):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _index(ctx):
    home = HomePage.objects.get()
    index = NoticeIndexPage.objects.first()
    if index is None:
        index = NoticeIndexPageFactory.build(
            parent=None,
            title="采购公告",
            slug="disclosures",
            show_in_menus=False,
            intro="<p>各地政府购买社会救助服务的采购意向、采购公告、更正、结果、合同、终止和履约验收公告。</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()  # runs setup_roles for the section (folders, permissions)
    return index, ensure_region_folders(index)


def _documents():
    from wagtail.documents.models import Document

    docs = {}
    for key, title in (
        ("tender", "采购文件（示例）"),
        ("contract", "政府采购合同（示例）"),
        ("acceptance", "履约验收报告（示例）"),
    ):
        doc = Document.objects.filter(title=title).first()
        if doc is None:
            pdf = render_pdf("disclosures/demo_document.html", {"title": title})
            doc = Document(title=title)
            doc.file.save(f"demo-{key}.pdf", ContentFile(pdf), save=False)
            doc.save()
        docs[key] = doc
    return docs


def _plan(ctx):
    """(city, serial) pairs: every city, spread evenly."""

    cities = list(Region.objects.cities().order_by("code"))
    total = LARGE_TOTAL if ctx.large else SMALL_PER_CITY * len(cities) * 2
    return [(cities[n % len(cities)], n) for n in range(total)]


def _history(ctx):
    """(city, serial, years back) of the completed projects of earlier years."""

    cities = list(Region.objects.cities().order_by("code"))
    total = LARGE_HISTORY if ctx.large else len(cities) * len(HISTORY_YEARS)
    return [
        (cities[k % len(cities)], HISTORY_SERIAL + k, HISTORY_YEARS[(k // len(cities)) % len(HISTORY_YEARS)])
        for k in range(total)
    ]


def _past_day(today, years):
    """The same day `years` years earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def seed(ctx):
    from .capacity.demo import seed_capacity

    seed_capacity(ctx)

    started = time.monotonic()
    index, folders = _index(ctx)
    docs = _documents()
    items = list(ServiceItem.objects.all())
    counties = {}
    # The counties of the demo editors come first in their city, so each has projects to edit.
    ordered = sorted(Region.objects.counties().select_related("parent"), key=lambda c: (c.code not in FEATURED, c.code))
    for county in ordered:
        counties.setdefault(county.parent_id, []).append(county)
    # Demo projects are numbered ZJ<city>-<year>-<serial>; the serial identifies them on any day.
    existing = {
        number.rsplit("-", 1)[-1] for number in ProcurementProjectPage.objects.values_list("project_number", flat=True)
    }
    methods = list(Method)
    today = timezone.localdate()
    cal = calendar()
    created = 0
    plan = [(city, n, 0) for city, n in _plan(ctx)] + _history(ctx)
    suppliers = _registry_suppliers()
    for city, n, years_back in ctx.bar(plan, total=len(plan), desc="采购项目"):
        serial = f"{n + 1:05d}"  # from 00001, as a purchaser numbers its projects
        if serial in existing:
            continue
        rnd = ctx.random
        county = counties[city.id][n % len(counties[city.id])]
        method = methods[n % len(methods)]
        stage = STAGES[(n // len(methods)) % len(STAGES)] if not years_back else "accepted"
        item = items[n % len(items)]
        # A completed project of an earlier year is planned as accepted on that year's day.
        day = _past_day(today, years_back) if years_back else today
        dates = plan_project(day, method, stage, rnd, cal)
        number = f"ZJ{city.code[:4]}-{dates.year}-{serial}"
        with transaction.atomic():
            project = _project(index, folders[county.code], county, number, method, item, dates, rnd)
            _notices(project, method, dates, docs, rnd, n, _supplier(suppliers, county, item, n))
            project.refresh_lifecycle()
        created += 1
    purge()  # pages were added without publish signals
    elapsed = time.monotonic() - started
    ctx.log(f"采购项目：新建 {created} 个（共 {len(plan)} 个），用时 {elapsed:.1f} 秒")


def _project(index, folder, county, number, method, item, dates, rnd):
    budget = Decimal(rnd.randrange(80, 2400) * 1000)
    # Built by the tests' factory (the one definition of a valid project), every field given.
    project = ProcurementProjectPageFactory.build(
        parent=None,
        title=f"{county.name}{item.name}服务项目",
        slug=number.lower(),
        project_number=number,
        purchaser=f"{county.parent.name}{county.name}民政局",
        region=county,
        # A centralised purchasing agency, the city's, or none (the purchaser organises it itself).
        agency=rnd.choice(["浙江省政府采购中心", f"{county.parent.name}政府采购中心", ""]),
        method=method,
        budget=budget,
        service_start=dates.service_start,
        service_end=dates.service_end,
        contact_name=rnd.choice(["王老师", "李科长", "陈主任", "张老师"]),
        contact_phone=landline(rnd, county.code),
        summary=f"面向{item.served_groups}，采购{item.name}服务，服务区域为{county.full_name}。",
        first_published_at=_aware(dates.notices[0].published_on, 9, 0),
    )
    # Parental many-to-many values are kept on the instance and written when the page is saved.
    project.service_items.set([item])
    project.service_regions.set([county])
    folder.add_child(instance=project)
    return project


def _add(project, kind, published_on, title, docs=(), body_text="", **fields):
    stamp = _aware(published_on, 9, 0)
    # The notice number is generated on save by the same rule as an editor's (numbering.py).
    # "详见附件" only where there is an attachment.
    body = body_text or f"{project.purchaser}就{project.title}发布{title}" + ("，详见附件。" if docs else "。")
    # Built by the tests' factory (the one definition of a valid notice); its example termination
    # reason only where the demo gives one.
    fields.setdefault("termination_reason", "")
    notice = NoticePageFactory.build(
        parent=None,
        title=title,
        slug=f"{kind}-{published_on:%Y%m%d}",
        kind=kind,
        published_on=published_on,
        body=f"<p>{body}</p>",
        first_published_at=stamp,
        last_published_at=stamp,
        **fields,
    )
    notice.project = project
    for doc in docs:
        notice.documents.add(NoticeDocument(document=doc, title=doc.title))
    project.add_child(instance=notice)
    return notice


def _registry_suppliers():
    """The registry's active providers by city (4-digit code prefix), in a fixed order: (county
    code, service item ids, name, credit code). Seeded before the projects (providers' ORDER)."""

    by_city = {}
    providers = Provider.objects.filter(status=ProviderStatus.ACTIVE).select_related("region")
    for provider in providers.prefetch_related("service_items").order_by("pk"):
        items = {item.pk for item in provider.service_items.all()}
        by_city.setdefault(codes.city_prefix(provider.region.code), []).append(
            (
                codes.county_code(provider.region.code) or provider.region.code,
                items,
                provider.name,
                provider.credit_code,
            )
        )
    return by_city


def _supplier(suppliers, county, item, n):
    """(name, credit code) of the project's winner: a registry provider of the project's city that
    offers its service, of the same county where there is one, as editors' result notices name
    them; a made-up provider of the county only where the registry has none in the city."""
    in_city = suppliers.get(codes.city_prefix(county.code), [])
    offering = [s for s in in_city if item.pk in s[1]]
    for pool in ([s for s in offering if s[0] == county.code[:6]], offering):
        if pool:
            _county, _items, name, code = pool[n % len(pool)]
            return name, code
    supplier, prefix = SUPPLIERS[n % len(SUPPLIERS)]
    return f"{county.name}{supplier}", credit_code(prefix, county.code, n + 1)


def _notices(project, method, dates, docs, rnd, n, winner):
    """The project's notices on the dates of its plan (demo_plan.plan_project); `winner` is the
    supplier's (name, credit code)."""

    p = project.title
    name, code = winner
    amount = (project.budget * Decimal(rnd.randrange(85, 99)) / 100).quantize(Decimal("1"))
    competitive = method in (Method.OPEN, Method.INVITED)
    tender_title = {
        Method.OPEN: "公开招标公告",
        Method.INVITED: "邀请招标公告",
        Method.NEGOTIATION: "竞争性谈判公告",
        Method.CONSULTATION: "竞争性磋商公告",
        Method.INQUIRY: "询价公告",
    }
    for planned in dates.notices:
        kind, day, fields = planned.kind, planned.published_on, dict(planned.dates)
        for key in ("bid_deadline",):
            if key in fields:
                fields[key] = timezone.make_aware(fields[key])
        if kind == NoticeKind.INTENTION:
            _add(project, kind, day, f"{p}采购意向", **fields)
        elif kind == NoticeKind.PREQUALIFICATION:
            _add(project, kind, day, f"{p}资格预审公告", **fields)
        elif kind == NoticeKind.SINGLE_SOURCE:
            _add(
                project,
                kind,
                day,
                f"{p}单一来源采购公示",
                supplier_name=name,
                single_source_reason="该服务需由已建立服务对象档案并持续跟踪的唯一机构承接。",
                **fields,
            )
        elif kind == NoticeKind.TENDER:
            _add(
                project,
                kind,
                day,
                f"{p}{tender_title[method]}",
                docs=[docs["tender"]],
                place=f"{project.region.full_name}公共资源交易中心开标室",
                **fields,
            )
        elif kind == NoticeKind.CORRECTION:
            _add(
                project,
                kind,
                day,
                f"{p}更正公告",
                affects_bids=True,
                body_text="更正采购需求中服务人数的表述，投标截止时间不变。",
            )
        elif kind == NoticeKind.TERMINATION:
            _add(
                project,
                kind,
                day,
                f"{p}终止公告",
                termination_reason="提交响应文件的供应商不足三家，本项目终止。",
            )
        elif kind == NoticeKind.RESULT:
            _add(
                project,
                kind,
                day,
                f"{p}{'中标' if competitive else '成交'}结果公告",
                supplier_name=name,
                supplier_credit_code=code,
                amount=amount,
                evaluation_panel="\n".join(rnd.sample(PANEL, 3 if method == Method.INQUIRY else 5)),
                **fields,
            )
        elif kind == NoticeKind.CONTRACT:
            _add(
                project,
                kind,
                day,
                f"{p}合同公告",
                docs=[docs["contract"]],
                supplier_name=name,
                supplier_credit_code=code,
                amount=amount,
                **fields,
            )
        elif kind == NoticeKind.ACCEPTANCE:
            _add(
                project,
                kind,
                day,
                f"{p}履约验收结果公告",
                docs=[docs["acceptance"]],
                acceptance_result="passed",
                recipients_participation=f"邀请{rnd.randrange(6, 20)}名服务对象及家属代表参与验收评议。",
                satisfaction=Decimal(rnd.randrange(880, 990)) / 10,
                **fields,
            )
        else:  # pragma: no cover - the plan only makes the kinds above
            raise ValueError(f"unplanned notice kind {kind}")
