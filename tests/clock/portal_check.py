"""What a visitor, a complainant, a county editor and a city reviewer do on a running portal, as
plain HTTP (cookies, CSRF, CAPTCHA and forms as a browser sends them). Run by test_any_day.py in a
subprocess under `faketime`, so that "today" is the faked day for the server and for this client
alike. Prints one JSON object: every step with what it saw; the test asserts on it.

Usage: python tests/clock/portal_check.py BASE_URL SETUP_JSON
"""

import datetime as dt
import json
import re
import secrets
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

TIMEOUT = 60
RUN = secrets.token_hex(3)  # slugs unique even when the check runs twice on one database
STATIC_PAGES = [
    "/",
    "/disclosures/",
    "/disclosures/notices/",
    "/disclosures/notices/?stage=open",
    "/disclosures/notices/?stage=awarded&sort=deadline",
    "/disclosures/notices/notices.csv",
    "/disclosures/evaluations/",
    "/disclosures/deadlines/",
    "/disclosures/capacity/",
    "/feeds/notices.atom",
    "/open-data/",
    "/open-data/ocds/releases.json",
    "/providers/",
    "/providers/?q=养老",
    "/providers/eligibility/",
    "/providers/eligibility-check/",
    "/providers/apply/",
    "/publicity/",
    "/oversight/complaints/new/",
    "/oversight/media/new/",
    "/oversight/track/",
    "/oversight/register/",
    "/oversight/statistics/",
    "/search/?q=照料护理",
    "/sitemap.xml",
    "/api/v1/notices/",
    "/api/v1/oversight/register",
    "/api/v1/oversight/statistics",
    "/healthz",
]
NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


class Form(HTMLParser):
    """The fields a browser would submit from the first form that contains `marker` (a field
    name): text, hidden, date and number inputs, checked boxes and radios, selected options,
    textareas. Buttons are left out (the caller adds the one it presses)."""

    def __init__(self, html, marker):
        super().__init__(convert_charrefs=True)
        self.marker, self.forms, self.current = marker, [], None
        self.select, self.textarea = None, None
        self.feed(html)
        chosen = [f for f in self.forms if any(name == marker for name, _v in f["fields"])]
        if not chosen:
            raise LookupError(f"no form with a field {marker!r}")
        self.action, self.fields = chosen[0]["action"], chosen[0]["fields"]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "first": None, "chosen": [], "multiple": "multiple" in a}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            s, self.select = self.select, None
            values = s["chosen"] or ([] if s["multiple"] else [s["first"] or ""])
            self.current["fields"] += [(s["name"], v) for v in values]
        elif tag == "textarea" and self.textarea is not None:
            self.current["fields"].append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.current = None

    def data(self, **overrides):
        """The fields as a list of pairs, with `overrides` replacing (or adding) values."""
        out = [(k, v) for k, v in self.fields if k not in overrides]
        for key, value in overrides.items():
            out += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
        return out


def captcha_answer(html):
    match = re.search(r'<label for="id_captcha_answer"[^>]*>\s*(.+?)\s*<', html, re.S)
    question = match.group(1)
    found = re.match(r"(十?[零一二三四五六七八九两]?十?[零一二三四五六七八九]?)([加减])(.+?)等于几", question)

    def number(text):
        if "十" in text:
            tens, _, ones = text.partition("十")
            return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[ones] if ones else 0)
        return NUMERALS[text]

    a, op, b = number(found.group(1)), found.group(2), number(found.group(3))
    return str(a + b if op == "加" else a - b)


class Run:
    def __init__(self, base):
        self.base, self.steps = base.rstrip("/"), []

    def step(self, name, ok, **seen):
        self.steps.append({"step": name, "ok": bool(ok), **seen})
        return ok

    def get(self, session, path, **kwargs):
        return session.get(urljoin(self.base + "/", path.lstrip("/")), timeout=TIMEOUT, **kwargs)

    def post(self, session, path, data, **kwargs):
        return session.post(urljoin(self.base + "/", path.lstrip("/")), data=data, timeout=TIMEOUT, **kwargs)


def visit(run, session):
    """Every public page type, and the first item linked from each listing."""
    for path in STATIC_PAGES:
        r = run.get(session, path)
        run.step(f"GET {path}", r.status_code == 200, status=r.status_code)
    listing = run.get(session, "/disclosures/notices/").text
    notice = re.search(r'href="(/disclosures/[^"]+/notice[^"]*/|/disclosures/[^"?]+/[a-z_]+-\d{8}/)"', listing)
    if run.step("a notice is linked from the listing", notice):
        for suffix in ("", "pdf/"):
            r = run.get(session, notice.group(1) + suffix)
            run.step(f"GET notice {suffix or 'page'}", r.status_code == 200, status=r.status_code, url=notice.group(1))
    evaluation = re.search(
        r'href="(/disclosures/[^"]+/evaluation-[0-9-]+/)"', run.get(session, "/disclosures/evaluations/").text
    )
    if run.step("an evaluation is linked from the listing", evaluation):
        r = run.get(session, evaluation.group(1))
        run.step("GET evaluation", r.status_code == 200, status=r.status_code)
    provider = re.search(r'href="(/providers/[0-9A-Z]{18}/)"', run.get(session, "/providers/").text)
    if run.step("a provider is linked from the directory", provider):
        r = run.get(session, provider.group(1))
        run.step("GET provider profile", r.status_code == 200, status=r.status_code)


def visit_every_page_type(run, session, pages):
    """One or two live pages of every page type (SETUP lists them), each notice's PDF and each
    campaign's leaflet and poster."""
    failed = []
    for path in pages:
        r = run.get(session, path)
        pdf = path.endswith((".pdf", "/pdf/"))
        ok = r.status_code == 200 and (not pdf or r.content.startswith(b"%PDF"))
        if not ok:
            failed.append({"path": path, "status": r.status_code})
    run.step("every page type answers", pages and not failed, pages=len(pages), failed=failed[:10])


def deadlines(run, session, today):
    r = run.get(session, f"/disclosures/deadlines/?rule=open_tender_bid&start={today.isoformat()}")
    unofficial = "尚未载入国务院办公厅公布的节假日安排" in r.text
    run.step("deadline calculator", r.status_code == 200 and "最早投标截止之日" in r.text, unofficial=unofficial)
    api = run.get(session, f"/api/v1/deadlines/?rule=open_tender_bid&start={today.isoformat()}")
    body = api.json() if api.status_code == 200 else {}
    run.step(
        "deadlines API", api.status_code == 200, official=body.get("calendar_official"), deadline=body.get("deadline")
    )


def complain(run, session, path="/oversight/complaints/new/", label="complaint", **extra):
    form_page = run.get(session, path)
    form = Form(form_page.text, "captcha_token")
    data = form.data(
        category="quality",
        subject_type="provider",
        subject_text="某居家养老服务中心",
        description="护理员多次未按约定时间上门，服务记录与实际不符。希望核查。",
        contact_name="王测试",
        contact_phone="13800000000",
        captcha_answer=captcha_answer(form_page.text),
        **extra,
    )
    region = re.search(r'<option value="(\d+)"[^>]*>[^<]*西湖区', form_page.text)
    if region:
        data = [(k, v) for k, v in data if k != "region"] + [("region", region.group(1))]
    r = run.post(session, form.action or path, data, headers={"Referer": form_page.url})
    reference = re.search(r"([A-Z]{2}-\d{4}-\d{6})", r.text)
    code = re.search(r"查询码</dt>\s*<dd[^>]*>([^<]+)", r.text)
    due = re.search(r"答复期限</dt>\s*<dd>([^<]+)", r.text)
    run.step(
        f"{label} submitted",
        r.status_code == 200 and reference,
        status=r.status_code,
        reference=reference and reference.group(1),
        due=due and due.group(1).strip(),
        unofficial_note="尚未公布" in r.text,
        errors=re.findall(r'class="error[^"]*"[^>]*>([^<]+)', r.text)[:5],
    )
    if reference and code:
        track(run, reference.group(1), code.group(1).strip(), label)


def track(run, reference, code, label):
    """The complainant follows the case with the reference and the access code of the receipt."""
    session = requests.Session()
    page = run.get(session, "/oversight/track/")
    form = Form(page.text, "access_code")
    r = run.post(
        session,
        form.action or "/oversight/track/",
        form.data(reference=reference, access_code=code),
        headers={"Referer": page.url},
    )
    run.step(f"{label} tracked", r.status_code == 200 and reference in r.text, status=r.status_code)


def self_check(run, session, code):
    """A provider prefills the eligibility self-check from its registry entry and submits it as
    prefilled (every field, the registration date included, must come back as the browser sends it)."""
    page = run.get(session, f"/providers/eligibility-check/?code={code}")
    form = Form(page.text, "registered_on")
    registered = dict(form.fields).get("registered_on", "")
    r = run.get(session, "/providers/eligibility-check/", params=form.data(check="1"))
    run.step(
        "eligibility self-check prefilled and submitted",
        r.status_code == 200 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", registered) and "自查结果：" in r.text,
        status=r.status_code,
        registered_on=registered,
        errors=re.findall(r'class="error[^"]*"[^>]*>([^<]+)', r.text)[:5],
    )


def login(run, username, password):
    session = requests.Session()
    page = run.get(session, "/admin/login/")
    form = Form(page.text, "username")
    r = run.post(
        session, "/admin/login/", form.data(username=username, password=password), headers={"Referer": page.url}
    )
    run.step(f"login {username}", r.status_code == 200 and "/admin/login/" not in r.url, url=r.url)
    return session


def submit_notice(run, session, project, fields, title, slug):
    """The county editor adds a notice under `project` in the admin and submits it for review."""
    add = f"/admin/pages/add/disclosures/noticepage/{project}/"
    page = run.get(session, add)
    if not run.step(f"GET add notice form ({fields['kind']})", page.status_code == 200, status=page.status_code):
        return None
    form = Form(page.text, "title")
    data = form.data(title=title, slug=slug, **fields)
    data.append(("action-submit", "submit"))
    r = run.post(session, add, data, headers={"Referer": page.url})
    # Wagtail returns to the parent's listing with a success message linking to the new page.
    edit = re.search(r'<li class="success">.*?已创建并提交审核.*?href="/admin/pages/(\d+)/edit/"', r.text, re.S)
    run.step(
        f"notice submitted for review ({fields['kind']})",
        r.status_code == 200 and "/add/" not in r.url and edit,
        url=r.url,
        errors=re.findall(r'class="error-message"[^>]*>\s*<span>([^<]+)', r.text)[:5],
        warnings=re.findall(r"(期限涉及\d+年[^<]+)", r.text)[:2],
        planned_start=fields.get("planned_start"),
    )
    return edit and int(edit.group(1))


def approve(run, session, page_id, label):
    edit = f"/admin/pages/{page_id}/edit/"
    page = run.get(session, edit)
    form = Form(page.text, "title")
    data = form.data()
    data += [("action-workflow-action", "true"), ("workflow-action-name", "approve")]
    r = run.post(session, edit, data, headers={"Referer": page.url})
    run.step(f"reviewer approves ({label})", r.status_code == 200 and "/edit/" not in r.url, url=r.url)


def edit_and_review(run, setup, today):
    editor = login(run, setup["editor"], setup["password"])
    planned = today + dt.timedelta(days=45)
    intention = submit_notice(
        run,
        editor,
        setup["project"],
        {"kind": "intention", "planned_start": planned.isoformat()},
        f"采购意向（时钟测试{today:%Y%m%d}）",
        f"clock-intention-{today:%Y%m%d}-{RUN}",
    )
    deadline = today + dt.timedelta(days=40)
    tender = submit_notice(
        run,
        editor,
        setup["open_project"],
        {
            "kind": "correction",
            "affects_bids": "on",
            "new_bid_deadline": f"{deadline.isoformat()} 09:30",
        },
        f"更正公告（时钟测试{today:%Y%m%d}）",
        f"clock-correction-{today:%Y%m%d}-{RUN}",
    )
    reviewer = login(run, setup["reviewer"], setup["password"])
    dashboard = run.get(reviewer, "/admin/")
    run.step("reviewer dashboard lists the submission", "时钟测试" in dashboard.text, status=dashboard.status_code)
    for page_id, label in ((intention, "intention"), (tender, "correction")):
        if page_id:
            approve(run, reviewer, page_id, label)
    project_page = run.get(requests.Session(), setup["project_url"]).text
    run.step("approved notices are public on the project page", f"时钟测试{today:%Y%m%d}" in project_page)
    return intention, tender


def main(base, setup):
    setup = json.loads(setup)
    today = dt.date.today()
    run = Run(base)
    public = requests.Session()
    visit(run, public)
    visit_every_page_type(run, public, setup["pages"])
    deadlines(run, public, today)
    complain(run, requests.Session())
    complain(
        run,
        requests.Session(),
        "/oversight/media/new/",
        "media inquiry",
        media_outlet="时钟测试报",
        contact_email="reporter@example.com",
    )
    self_check(run, public, setup["provider_code"])
    edit_and_review(run, setup, today)
    print(json.dumps({"today": today.isoformat(), "steps": run.steps}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:3])
