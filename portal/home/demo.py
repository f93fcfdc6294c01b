"""Demo content of the home app: site settings, sections with region folders, news and guide pages,
editors' groups and demo accounts."""

import secrets
import string

from django.contrib.auth import get_user_model
from wagtail.models import Site

from portal.reference.models import Region

from .factories import SectionPageFactory, StandardPageFactory, UserFactory
from .models import HomePage, PortalSettings, SectionPage, StandardPage
from .roles import CITY_REVIEWERS, COUNTY_EDITORS, PROVINCE_ADMINS, assign_user, setup_roles

ORDER = 10

SECTIONS = [
    ("news", "工作动态", "<p>各地政府购买社会救助服务的工作动态，由各市、县（市、区）民政部门发布。</p>"),
    ("policies", "政策文件", "<p>政府购买社会救助服务相关政策文件及解读。</p>"),
]

GUIDES = [
    (
        "关于政府购买社会救助服务",
        "根据浙民助〔2018〕117号，各地向社会力量购买社会救助事务性工作和服务性工作，本平台公开采购、评价和监督信息。",
        [
            "政府购买社会救助服务的购买主体是县级以上人民政府，民政部门牵头组织实施，乡镇人民政府（街道办事处）也可以作为购买主体。",
            "购买内容包括社会救助对象排查、家境调查、业务培训、政策宣传、绩效评价等事务性工作，以及照料护理、康复训练、送医陪护、社会融入、能力提升、心理疏导、资源链接等服务性工作。",
            "承接主体包括依法登记成立或经国务院批准免予登记的社会组织、按事业单位分类改革应划入公益二类或转为企业的事业单位，以及依法在工商管理或行业主管部门登记成立的企业、机构等社会力量。",
        ],
    ),
    (
        "网站使用说明",
        "如何查找采购公告、查询服务机构、使用长辈版和提交投诉。",
        [
            "页面右上角的“长辈版”按钮可以放大字号、提高对比度，设置会在浏览其他页面时保持。",
            "在搜索框输入关键词即可查找公告、机构和政策，例如“照料护理”“杭州市”。",
            "对服务质量、违规转包等问题，可以拨打服务热线或在线提交投诉，凭受理编号和查询码查询办理进度。",
        ],
    ),
]

ACTIVITIES = [
    "开展社会救助政策宣传进社区活动",
    "召开政府购买社会救助服务推进会",
    "举办社会救助经办人员业务培训班",
    "完成困难群众家庭经济状况核对专项行动",
    "组织第三方机构开展社会救助绩效评价",
    "推进乡镇（街道）社会救助经办服务能力建设",
    "启动特困人员照料护理服务项目",
    "开展低保边缘家庭走访排查",
    "引入社会工作机构开展心理疏导服务",
    "建立社会救助“一门受理、协同办理”机制",
]

ACCOUNTS = [
    ("province_admin", PROVINCE_ADMINS, None, "浙江省"),
    ("hangzhou_reviewer", CITY_REVIEWERS, "330100", "杭州市"),
    ("xihu_editor", COUNTY_EDITORS, "330106", "杭州市西湖区"),
    ("binjiang_editor", COUNTY_EDITORS, "330108", "杭州市滨江区"),
    ("ningbo_reviewer", CITY_REVIEWERS, "330200", "宁波市"),
    ("haishu_editor", COUNTY_EDITORS, "330203", "宁波市海曙区"),
]


def _password():
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(16))


def _home():
    return HomePage.objects.get()


def _settings(home):
    site = Site.objects.get(root_page=home)
    ps = PortalSettings.for_site(site)
    ps.organisation = "浙江省民政厅"
    ps.hotline = "12345"
    ps.phone = "0571-87053100"
    ps.email = "gongkai@example.gov.cn"
    ps.address = "浙江省杭州市西湖区省府路8号"
    ps.save()


def _sections(home):
    sections = {}
    for slug, title, intro in SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = SectionPageFactory.build(parent=None, title=title, slug=slug, intro=intro, show_in_menus=True)
            home.add_child(instance=section)
            section.save_revision().publish()
        sections[slug] = section
    return sections


def _guides(home):
    for index, (title, summary, paragraphs) in enumerate(GUIDES):
        if StandardPage.objects.filter(title=title).exists():
            continue
        page = StandardPageFactory.build(
            parent=None,
            title=title,
            slug=f"guide-{index + 1}",
            summary=summary,
            body=[("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))],
            show_in_menus=index == 0,
        )
        home.add_child(instance=page)
        page.save_revision().publish()


def _news(ctx, folders):
    counties = list(Region.objects.counties().select_related("parent").order_by("code"))
    wanted = 300 if ctx.large else 40
    existing = StandardPage.objects.filter(slug__startswith="news-").count()
    for n in ctx.bar(range(existing, wanted), total=max(wanted - existing, 0), desc="工作动态"):
        county = counties[(n * 7) % len(counties)]
        activity = ACTIVITIES[n % len(ACTIVITIES)]
        title = f"{county.name}{activity}"
        body = (
            f"<p>近日，{county.parent.name}{county.name}民政局{activity}。"
            "活动围绕政府购买社会救助服务的要求，明确服务内容、服务标准和绩效评价方式，"
            "推动社会力量参与社会救助，提升基层经办服务能力。</p>"
        )
        page = StandardPageFactory.build(
            parent=None,
            title=title,
            slug=f"news-{n + 1}",
            summary=f"{county.name}{activity}。",
            body=[("paragraph", body)],
        )
        folders[county.code].add_child(instance=page)
        page.save_revision().publish()


QUICK_LINKS = [
    ("采购公告", "正在招标和已公布结果的社会救助服务项目", "disclosures:notice_list"),
    ("承接主体名录", "查询具备资格的社会组织和企业", "providers:directory"),
    ("资格自查", "承接主体对照条件自行检查", "providers:eligibility_check"),
    ("绩效评价结果", "服务对象满意度和综合评价", "evaluations:evaluation_list"),
    ("政策宣传", "政策解读、宣传材料和培训", "publicity:index"),
    ("投诉与监督", "反映问题、查询办理进度", "oversight:complaint_new"),
    ("乡镇经办能力", "一门受理窗口与购买服务人员配备情况", "disclosures:capacity"),
]


def _home_content(home):
    """Intro and quick links; a link is added once the app that owns its URL has landed."""
    from django.urls import NoReverseMatch, reverse

    links = []
    for title, description, name in QUICK_LINKS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append(("link", {"title": title, "description": description, "page": None, "url": url}))
    intro = (
        "<p>本平台公开全省各级民政部门向社会力量购买社会救助服务的采购信息、承接主体名录、"
        "绩效评价结果和政策宣传资料，接受社会和媒体监督。</p>"
    )
    if home.intro != intro or len(home.quick_links) != len(links):
        home.intro = intro
        home.quick_links = links
        home.save_revision().publish()


def _accounts(ctx):
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        password = _password()
        UserFactory(username="admin", email="admin@example.gov.cn", password=password, superuser=True)
        ctx.accounts.append(("admin", password, "超级管理员"))
    for username, role, region_code, label in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = _password()
        user = UserFactory(username=username, email=f"{username}@example.gov.cn", password=password, first_name=label)
        region = Region.objects.get(code=region_code) if region_code else None
        assign_user(user, role, region)
        ctx.accounts.append((username, password, f"{role}（{label}）"))


# Work in progress of the demo's county editors, so that each role's dashboard has something to do:
# (slug suffix, title, state) per editor; the city reviewer sees the ones in review.
EDITOR_WORK = [
    ("draft", "{county}社会救助经办人员业务培训通知（草稿）", "draft"),
    ("review", "{county}开展低保边缘家庭走访排查工作情况", "review"),
    ("returned", "{county}社会救助“一门受理”窗口服务规范", "returned"),
]
RETURN_COMMENT = "请补充窗口的受理时间和咨询电话后再提交。"


def _editor_work(ctx, folders):
    """A draft, a page in review and a page sent back for changes for every demo county editor, made
    as the admin makes them (revisions, the city's review workflow, the reviewer's rejection)."""
    from django.contrib.auth.models import Group
    from django.test.utils import override_settings

    from .roles import CITY_REVIEWERS, region_group_name

    User = get_user_model()
    for username, role, region_code, _label in ACCOUNTS:
        if role != COUNTY_EDITORS:
            continue
        editor = User.objects.get(username=username)
        folder = folders[region_code]
        county = folder.region
        reviewers = Group.objects.get(name=region_group_name(CITY_REVIEWERS, county.parent)).user_set.all()
        for suffix, title, state in EDITOR_WORK:
            slug = f"{username.replace('_', '-')}-{suffix}"
            if StandardPage.objects.filter(slug=slug).exists():
                continue
            title = title.format(county=county.name)
            page = StandardPageFactory.build(
                parent=None,
                title=title,
                slug=slug,
                live=False,
                owner=editor,
                summary=f"{county.full_name}民政局{title}。",
                body=[("paragraph", f"<p>{county.full_name}民政局{title}，请审核后发布。</p>")],
            )
            folder.add_child(instance=page)
            page.save_revision(user=editor, log_action=True)
            if state == "draft":
                continue
            # Wagtail e-mails the reviewers on each step; the demo's addresses receive nothing.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                page.get_workflow().start(page, editor)
                if state == "returned" and reviewers:
                    task_state = page.current_workflow_task_state.specific
                    task_state.task.specific.on_action(task_state, reviewers[0], "reject", comment=RETURN_COMMENT)
    ctx.log("  editors' work in progress: drafts, pages in review and pages sent back")


def seed(ctx):
    home = _home()
    _settings(home)
    _home_content(home)
    sections = _sections(home)
    _guides(home)
    setup_roles()
    from .roles import ensure_region_folders

    news_folders = ensure_region_folders(sections["news"])
    _news(ctx, news_folders)
    _accounts(ctx)
    _editor_work(ctx, news_folders)
