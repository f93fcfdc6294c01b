"""Ended campaigns are marked 已结束 in the lists and on the page (they stay listed for reference);
ongoing and upcoming ones say so. The status follows the clock."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.publicity.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(folders):
    today = timezone.localdate()
    pages = {}
    for name, start, end in (
        ("ended", today - dt.timedelta(days=90), today - dt.timedelta(days=1)),
        ("ongoing", today - dt.timedelta(days=10), today),
        ("upcoming", today + dt.timedelta(days=5), today + dt.timedelta(days=40)),
    ):
        page = CampaignPageFactory(parent=folders["330106"], title=f"宣传活动-{name}", start_date=start, end_date=end)
        page.save_revision().publish()
        pages[name] = page
    return pages


def card(html, title):
    start = html.index(f">{title}</a>")
    return html[html.rindex("<article", 0, start) : html.index("</article>", start)]


def test_status_follows_the_dates(three):
    today = timezone.localdate()
    assert {name: page.status for name, page in three.items()} == {
        "ended": "ended",
        "ongoing": "ongoing",
        "upcoming": "upcoming",
    }
    assert three["ongoing"].status_on(today + dt.timedelta(days=1)) == "ended"
    assert three["ended"].status_label == "已结束"
    open_ended = CampaignPageFactory.build(start_date=today - dt.timedelta(days=400), end_date=None)
    assert open_ended.status == "ongoing"


def test_list_marks_ended_campaigns(client, three):
    html = client.get("/publicity/").content.decode()
    assert "已结束" in card(html, "宣传活动-ended") and "pub-card-ended" in card(html, "宣传活动-ended")
    assert "进行中" in card(html, "宣传活动-ongoing") and "已结束" not in card(html, "宣传活动-ongoing")
    assert "未开始" in card(html, "宣传活动-upcoming")


def test_page_of_an_ended_campaign_says_it_has_ended(client, three):
    html = client.get(three["ended"].url).content.decode()
    end = three["ended"].end_date
    assert "已结束" in html and f"本次宣传活动已于 {end.year}年{end.month}月{end.day}日 结束" in html
    assert "已结束" not in client.get(three["ongoing"].url).content.decode()
