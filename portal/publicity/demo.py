"""Demo content of the publicity section: the section itself, outreach campaigns across audiences and
regions with generated poster images, a materials library (posters, leaflets, slide decks) and staff
training courses. Idempotent: everything is looked up by slug or title before it is created."""

import datetime
import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.home.models import HomePage
from portal.home.models import site_hotline as hotline
from portal.home.roles import ensure_region_folders, setup_roles
from portal.reference.models import ServiceItem

from .factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MaterialPageFactory,
    TrainingCoursePageFactory,
    contact,
    cta,
    faq,
    key_facts,
    materials,
    rich_text,
    steps,
)
from .models import Audience, CampaignIndexPage, CampaignPage, Channel, MaterialPage, TrainingCoursePage
from .models.material import MaterialKind
from .models.training import TrainingMode

ORDER = 50
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
COLOURS = ["#a4161a", "#0b4f9c", "#1b6e3a", "#7a3e9d", "#b35900", "#005f73"]

# (title, audience, region code, service items, channels, summary)
CAMPAIGNS = [
    (
        "社会救助政策进万家宣传月",
        Audience.PEOPLE,
        "330000",
        ["社会救助政策宣传", "社会救助申请对象排查"],
        ["电视", "广播", "微信公众号", "社区宣传栏"],
        "低保、特困、低边家庭和临时遇困群众，可向户籍所在地乡镇（街道）申请社会救助。",
    ),
    (
        "低保边缘家庭认定政策宣传",
        Audience.PEOPLE,
        "330106",
        ["社会救助家庭经济状况核对", "社会救助对象家境调查"],
        ["社区宣传栏", "入户走访"],
        "家庭人均收入低于当地低保标准1.5倍、财产符合规定的，可申请认定为低保边缘家庭。",
    ),
    (
        "特困人员照料护理服务宣传",
        Audience.PEOPLE,
        "330108",
        ["社会救助对象照料护理", "特困人员自理能力评估"],
        ["入户走访", "微信公众号"],
        "分散供养特困人员可以按自理能力享受上门照料护理服务，费用由政府购买服务支付。",
    ),
    (
        "社会救助经办人员政策解读",
        Audience.STAFF,
        "330100",
        ["社会救助业务培训", "社会救助政策宣传"],
        ["培训班", "网站"],
        "面向乡镇（街道）经办人员解读政府购买社会救助服务政策和经办流程。",
    ),
    (
        "社会力量参与社会救助招募宣传",
        Audience.SOCIAL_FORCES,
        "330200",
        ["资源链接", "社会救助对象社会融入"],
        ["报纸", "网站", "微信公众号"],
        "欢迎依法登记的社会组织、企业和机构承接社会救助服务项目，公平竞争、择优选择。",
    ),
    (
        "困难群众心理疏导服务推介",
        Audience.PEOPLE,
        "330203",
        ["社会救助对象心理疏导"],
        ["社区宣传栏", "短视频平台"],
        "遇到困难心里苦闷？社工可以上门陪伴倾听，提供免费心理疏导服务。",
    ),
    (
        "医疗救助送医陪护服务宣传",
        Audience.PEOPLE,
        "330300",
        ["社会救助对象送医陪护", "资源链接"],
        ["电视", "政务服务大厅"],
        "医疗救助对象住院就医无人陪护的，可以申请送医陪护服务。",
    ),
    (
        "政府购买社会救助服务信息公开宣传",
        Audience.PUBLIC,
        "330000",
        ["社会救助政策宣传", "社会救助绩效评价"],
        ["网站", "报纸", "微信公众号"],
        "采购公告、成交结果、绩效评价结果全部公开，欢迎社会各界监督。",
    ),
    (
        "社会救助“一门受理、协同办理”宣传",
        Audience.PUBLIC,
        "330400",
        ["社会救助政策宣传"],
        ["政务服务大厅", "社区宣传栏"],
        "乡镇（街道）社会救助窗口一门受理，首问负责、一次告知、限时办理。",
    ),
    (
        "家庭经济状况核对业务培训宣传",
        Audience.STAFF,
        "330600",
        ["社会救助家庭经济状况核对", "社会救助业务培训"],
        ["培训班"],
        "规范家庭经济状况核对流程，提高核对结果准确性和办理时效。",
    ),
    (
        "罕见病患者跟踪服务宣传",
        Audience.PEOPLE,
        "330700",
        ["罕见病对象跟踪", "资源链接"],
        ["入户走访", "电视"],
        "罕见病患者家庭可获得跟踪随访、资源链接等服务，减轻照护负担。",
    ),
    (
        "社会救助绩效评价社会监督宣传",
        Audience.SOCIAL_FORCES,
        "331000",
        ["社会救助绩效评价", "社会救助课题研究"],
        ["网站", "报纸"],
        "社会救助服务项目实行第三方评价，服务对象满意度是最重要的评价指标。",
    ),
]

MATERIALS = [
    ("社会救助政策要点海报", MaterialKind.POSTER, Audience.PEOPLE, "330000", ["社会救助政策宣传"]),
    ("低保边缘家庭认定宣传单", MaterialKind.LEAFLET, Audience.PEOPLE, "330106", ["社会救助家庭经济状况核对"]),
    ("照料护理服务宣传单", MaterialKind.LEAFLET, Audience.PEOPLE, "330108", ["社会救助对象照料护理"]),
    ("政府购买社会救助服务政策解读课件", MaterialKind.SLIDES, Audience.STAFF, "330100", ["社会救助业务培训"]),
    ("社会力量承接社会救助服务指南海报", MaterialKind.POSTER, Audience.SOCIAL_FORCES, "330200", ["资源链接"]),
    ("家庭经济状况核对实务课件", MaterialKind.SLIDES, Audience.STAFF, "330600", ["社会救助家庭经济状况核对"]),
    ("社会救助信息公开海报", MaterialKind.POSTER, Audience.PUBLIC, "330000", ["社会救助政策宣传"]),
    ("心理疏导服务宣传单", MaterialKind.LEAFLET, Audience.PEOPLE, "330203", ["社会救助对象心理疏导"]),
]

COURSES = [
    (
        "全省社会救助经办人员业务培训班",
        "330000",
        TrainingMode.OFFLINE,
        "杭州市西湖区省府路8号省民政厅培训中心",
        "",
    ),
    (
        "杭州市社会救助家庭经济状况核对培训",
        "330100",
        TrainingMode.BLENDED,
        "杭州市民政局三楼会议室",
        "浙政钉视频会议",
    ),
    ("宁波市政府购买社会救助服务实务培训", "330200", TrainingMode.ONLINE, "", "线上直播：宁波民政微信公众号"),
    ("温州市社会救助绩效评价专题培训", "330300", TrainingMode.OFFLINE, "温州市民政局培训室", ""),
]

APPLY_STEPS = steps(
    ("提出申请", "本人或委托他人到户籍所在地乡镇（街道）社会救助窗口提出申请，也可在线申请。"),
    ("入户调查", "乡镇（街道）工作人员或购买服务的社工上门了解家庭情况。"),
    ("经济状况核对", "民政部门核对家庭收入和财产状况。"),
    ("公示与审批", "审核结果在村（社区）公示，无异议的作出审批决定。"),
)


def _font(size):
    return ImageFont.truetype(FONT, size)


def poster_image(title, subtitle, colour):
    """A simple generated poster: coloured background, title and subtitle in Chinese."""
    image = PILImage.new("RGB", (1200, 750), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, 1160, 710], outline="#ffffff", width=6)
    title_font, text_font = _font(64), _font(34)
    lines, line = [], ""
    for char in title:
        if draw.textlength(line + char, font=title_font) > 1000:
            lines.append(line)
            line = ""
        line += char
    lines.append(line)
    y = 170
    for text in lines:
        draw.text((100, y), text, fill="#ffffff", font=title_font)
        y += 90
    subtitle = subtitle.split("，")[0].split("。")[0]
    draw.text((100, y + 40), subtitle[:28], fill="#ffffff", font=text_font)
    draw.text((100, 620), f"浙江省民政厅 · 服务热线 {hotline()}", fill="#ffffff", font=text_font)
    return image


def _image(title, subtitle, colour):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    poster_image(title, subtitle, colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, description=title, file=ImageFile(buffer, name="publicity-demo.png"))


def _document(title, kind, colour):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    pages = [poster_image(title, str(kind.label), colour)]
    if kind == MaterialKind.SLIDES:
        pages += [poster_image(f"{title}（{n}）", "课件内容", colour) for n in range(2, 5)]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=100)
    upload = SimpleUploadedFile("publicity-material.pdf", buffer.getvalue(), content_type="application/pdf")
    return Document.objects.create(title=title, file=upload)


def _index(home):
    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        index = CampaignIndexPageFactory.build(
            parent=None,
            title="政策宣传",
            slug="publicity",
            intro="<p>面向社会救助经办人员和困难群众的政策宣传活动、宣传资料和业务培训。</p>",
            show_in_menus=False,
        )
        home.add_child(instance=index)
        index.save_revision().publish()  # the publish signal runs setup_roles for the section

    setup_roles(sections=[index])
    return index, ensure_region_folders(index)


def _parent(index, folders, code):
    return index if code == "330000" else folders[code]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _materials(ctx, index, folders, services):
    found = {}
    for n, (title, kind, audience, code, items) in enumerate(MATERIALS):
        slug = f"material-{n + 1}"
        page = MaterialPage.objects.filter(slug=slug).descendant_of(index).first()
        if page is None:
            colour = COLOURS[n % len(COLOURS)]
            preview = _image(f"{title}（预览）", str(kind.label), colour)
            page = MaterialPageFactory.build(
                parent=None,
                title=title,
                slug=slug,
                kind=kind,
                audience=audience,
                summary=f"{title}，可下载打印，供各地宣传使用。",
                issued_on=timezone.localdate() - datetime.timedelta(days=20 + 37 * n),
                document=_document(title, kind, colour),
                preview_image=preview,
                preview_alt=f"{title}的缩略图",
            )
            page.service_items.set([services[s] for s in items])
            _publish(_parent(index, folders, code), page)
        found[title] = page
    return found


def _campaign_body(n, title, summary, audience, material_pages, image):
    """`image` is a second picture (the cover is shown above the body)."""
    body = [
        rich_text(f"<p>{summary}</p><p>各地民政部门通过多种渠道开展宣传，让政策家喻户晓。</p>"),
        ("image", {"image": image, "alt": f"社区宣传栏张贴的“{title}”海报", "caption": "社区宣传栏"}),
        key_facts(
            ("宣传对象", str(audience.label)),
            ("办理地点", "户籍所在地乡镇（街道）社会救助窗口"),
            ("服务热线", hotline()),
        ),
    ]
    if audience in (Audience.PEOPLE, Audience.PUBLIC):
        body.append(APPLY_STEPS)
    body.append(
        faq(
            ("申请社会救助要花钱吗？", "不收取任何费用。"),
            ("对审批结果有异议怎么办？", "可以向县级民政部门反映，也可以通过本平台投诉监督。"),
        )
    )
    if material_pages:
        body.append(materials(*material_pages))
    target = {Audience.SOCIAL_FORCES: "eligibility", Audience.STAFF: "notices"}.get(audience, "complaint")
    body.append(cta(target, "下一步", "查看相关信息或反映问题。"))
    body.append(contact("当地民政局社会救助科", "12345", "", "工作日 8:30-17:00"))
    return body


def _campaigns(ctx, index, folders, services, material_pages):
    channels = {c.name: c for c in Channel.objects.all()}
    rows = list(CAMPAIGNS)
    if ctx.large:
        counties = list(folders)
        for n in range(48):
            base = CAMPAIGNS[n % len(CAMPAIGNS)]
            rows.append((f"{base[0]}（第{n + 2}轮）", base[1], counties[(n * 7) % len(counties)], *base[3:]))
    all_materials = list(material_pages.values())
    for n, (title, audience, code, items, channel_names, summary) in enumerate(ctx.bar(rows, len(rows), "宣传活动")):
        slug = f"campaign-{n + 1}"
        if CampaignPage.objects.filter(slug=slug).descendant_of(index).exists():
            continue
        colour = COLOURS[n % len(COLOURS)]
        image = _image(title, summary, colour)
        board = _image(f"{title}·社区宣传栏", "社区宣传栏", COLOURS[(n + 3) % len(COLOURS)])
        # Relative to today: most have ended, some are running, the last starts next month.
        start = timezone.localdate() + datetime.timedelta(days=30 - ((len(rows) - 1 - n) * 53) % 700)
        used = [m for m in all_materials if m.audience == audience][:2]
        page = CampaignPageFactory.build(
            parent=None,
            title=title,
            slug=slug,
            summary=summary,
            audience=audience,
            start_date=start,
            end_date=start + datetime.timedelta(days=60),
            cover_image=image,
            cover_alt=f"{title}宣传海报",
            body=_campaign_body(n, title, summary, audience, used, board),
        )
        page.service_items.set([services[s] for s in items])
        page.channels.set([channels[c] for c in channel_names if c in channels])
        _publish(_parent(index, folders, code), page)


def _course_start(today, n):
    """Relative to today: the first course of the list is four weeks ahead (open for registration),
    the others took place at intervals of about two and a half months, on a weekday at 9:00."""
    day = today + datetime.timedelta(days=28 - 75 * n)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _courses(index, folders, material_pages):
    slides = [m for m in material_pages.values() if m.kind == MaterialKind.SLIDES]
    for n, (title, code, mode, location, online) in enumerate(COURSES):
        slug = f"training-{n + 1}"
        if TrainingCoursePage.objects.filter(slug=slug).descendant_of(index).exists():
            continue
        starts = _course_start(timezone.localdate(), n)
        page = TrainingCoursePageFactory.build(
            parent=None,
            title=title,
            slug=slug,
            summary="学习政府购买社会救助服务政策、家庭经济状况核对、绩效评价和信息公开要求。",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(days=1, hours=8),
            mode=mode,
            location=location,
            online_access=online,
            organiser="浙江省民政厅社会救助处" if code == "330000" else "市民政局社会救助处",
            capacity=120,
            body=[
                (
                    "agenda",
                    {
                        "heading": "课程安排",
                        "sessions": [
                            {"time": "第一天上午", "topic": "政府购买社会救助服务政策解读", "speaker": "省民政厅"},
                            {"time": "第一天下午", "topic": "家庭经济状况核对实务", "speaker": "核对中心"},
                            {"time": "第二天上午", "topic": "服务项目绩效评价与信息公开", "speaker": "第三方评估机构"},
                        ],
                    },
                ),
                (
                    "policy_text",
                    {
                        "title": "关于加强社会救助能力建设推进政府购买社会救助服务的通知",
                        "number": "浙民助〔2018〕117号",
                        "document": None,
                        "page": None,
                        "url": "https://mzt.zj.gov.cn/",
                    },
                ),
                materials(*slides, heading="培训课件") if slides else rich_text("<p>课件在培训现场发放。</p>"),
                contact("社会救助处", "0571-87053100", "", "工作日"),
            ],
        )
        _publish(_parent(index, folders, code), page)


def seed(ctx):
    home = HomePage.objects.get()
    index, folders = _index(home)
    services = {s.name: s for s in ServiceItem.objects.all()}
    material_pages = _materials(ctx, index, folders, services)
    _campaigns(ctx, index, folders, services, material_pages)
    _courses(index, folders, material_pages)
    ctx.log(
        f"政策宣传: {CampaignPage.objects.live().count()} campaigns, {MaterialPage.objects.live().count()} materials, "
        f"{TrainingCoursePage.objects.live().count()} training courses"
    )
