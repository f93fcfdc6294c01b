"""The dashboard shows each demo role its own work: a county editor their drafts, their pages in
review and sent back, and the statutory deadlines of their county's projects; a city reviewer the
pages waiting for their review; complaint handlers the overdue and soon-due cases of their region;
province administrators the applications and exit decisions waiting for them."""

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _panel(html, panel_id):
    """The dashboard panel (Wagtail's {% panel %} sections are `<id>-section`) or the element."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.find(id=f"{panel_id}-section") or soup.find(id=panel_id)
    assert found is not None, f"no panel #{panel_id} on the dashboard"
    return found if found.name == "section" else found.find_parent("section") or found


def test_county_editor_sees_drafts_pages_in_review_and_sent_back_and_deadlines(
    demo, login, django_assert_max_num_queries
):
    client = login("xihu_editor")
    with django_assert_max_num_queries(80):
        html = client.get("/admin/").content.decode()
    drafts = _panel(html, "portal-my-drafts").get_text()
    assert "西湖区社会救助经办人员业务培训通知（草稿）" in drafts
    in_workflow = _panel(html, "objects-in-workflow").get_text()
    assert "您在工作流中的页面和片段" in html
    assert "西湖区开展低保边缘家庭走访排查工作情况" in in_workflow
    assert "西湖区社会救助“一门受理”窗口服务规范" in in_workflow
    # Pages in a workflow are not listed again as drafts.
    assert "走访排查" not in drafts
    deadlines = _panel(html, "portal-deadlines")
    rows = deadlines.find_all("tr")[1:]
    assert rows, "no upcoming statutory deadline for 西湖区"
    assert all("西湖区" in row.get_text() for row in rows)
    # Not another county's drafts.
    assert "滨江区" not in drafts


def test_city_reviewer_sees_the_pages_waiting_for_review(demo, login):
    html = login("hangzhou_reviewer").get("/admin/").content.decode()
    waiting = _panel(html, "awaiting-review").get_text()
    assert "等待您审核" in html
    assert "西湖区开展低保边缘家庭走访排查工作情况" in waiting
    assert "滨江区开展低保边缘家庭走访排查工作情况" in waiting
    assert "海曙区" not in waiting  # Ningbo's reviewer reviews that one
    assert "一门受理" not in waiting  # sent back: the editor's turn


def test_complaint_handler_sees_overdue_and_soon_due_cases_of_the_region(demo, login):
    import re

    from django.contrib.auth import get_user_model

    from portal.oversight.services.visibility import visible_cases

    html = login("oversight_hangzhou").get("/admin/").content.decode()
    panel = _panel(html, "oversight-queue-heading").get_text()
    overdue = int(re.search(r"已超期：(\d+) 件", panel)[1])
    soon = int(re.search(r"3 个工作日内到期：(\d+) 件", panel)[1])
    assert overdue > 0 and soon > 0
    user = get_user_model().objects.get(username="oversight_hangzhou")
    assert overdue == visible_cases(user).overdue().count()


def test_province_admin_sees_applications_and_exit_decisions(demo, login):
    html = login("province_admin").get("/admin/").content.decode()
    applications = _panel(html, "portal-applications").get_text()
    assert "SQDEMO" in applications
    assert "待处理的退出决定" in html


@pytest.mark.parametrize("username", ["oversight_xihu", "oversight_hangzhou", "oversight_ningbo"])
def test_every_demo_handler_has_open_cases_overdue_and_due_soon(demo, login, username):
    # Cases cycle over all 101 cities and counties, two each: 西湖区's handler found an empty
    # dashboard (its two cases answered) when trying the demo as a complaint handler.
    import re

    html = login(username).get("/admin/").content.decode()
    panel = _panel(html, "oversight-queue-heading").get_text()
    counts = {
        label: int(re.search(rf"{label}：(\d+) 件", panel)[1])
        for label in ("办理中（未答复）", "已超期", "3 个工作日内到期")
    }
    assert all(counts.values()), (username, counts)
