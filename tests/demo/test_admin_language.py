"""Every admin string a Chinese editor meets is Chinese: the admin is crawled as each demo role, from
the dashboard through every link the role can follow (each page type's edit view, snippets, reports,
workflow and oversight views), and the visible text (with placeholders, titles, ARIA labels and
button values) must hold no English words beyond a short list of names and units. Avatars are
local images (the government network does not reach gravatar.com). The browser asks for English:
the portal answers in Chinese all the same."""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ["xihu_editor", "hangzhou_reviewer", "province_admin", "oversight_hangzhou", "oversight_province", "admin"]

# English that may stay, and why.
ALLOWED = {
    "Wagtail",  # the product's name (editor guide link, logo label)
    "chinesecalendar",  # the holiday data's source package, named as the source of calendar rows
    "English",  # the name of the other admin language, in its own language (account settings)
    "localhost",  # the default site's host name (sites listing)
    # keys on the keyboard (keyboard shortcuts dialog)
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "Enter",
    "Cmd",
    "Option",
    # abbreviations and file formats Chinese editors use as they are
    "URL",
    "API",
    "PDF",
    "CSV",
    "MB",
    "KB",
    "GB",
    "AVIF",
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    "SVG",
    "MP4",
    "WebM",
    "WebVTT",
    "OFD",
    "HTML",
    "ID",
    # Wagtail renders the hidden side-panel issue counter as Python's None until its script fills it in
    "None",
}
ATTRIBUTES = ("placeholder", "title", "aria-label", "aria-description", "alt", "data-w-tooltip-content-value")
# An ASCII word standing alone (not part of an identifier, path, e-mail address, number or dotted name).
WORD = re.compile(r"(?<![A-Za-z0-9_@./:#-])[A-Za-z][A-Za-z'’]+(?![A-Za-z0-9_@/:-]|\.[a-z])")
SKIP = (
    "logout",
    "/delete/",
    "/unpublish/",
    "/password_reset",
    "/jsi18n",
    "/sprite",
    "/preview/",
    "/revisions/",
    "/export",
    "/download",
    "/pdf",
    ".csv",
    ".xlsx",
    "/documents/serve",
    "/attachments/",
    "/bulk/",
    "/lock/",
    "/unlock/",
)
MAX_PAGES = 120


def visible_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "svg"]):
        tag.decompose()
    texts = [
        s
        for s in soup.find_all(string=True)
        if not isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))
    ]
    for tag in soup.find_all(True):
        texts.extend(tag[a] for a in ATTRIBUTES if tag.get(a))
        if tag.name == "input" and tag.get("type") in ("submit", "button", "reset") and tag.get("value"):
            texts.append(tag["value"])
    return soup, texts


def _pattern(path, page_types):
    """Pages are told apart by their type; everything else by the URL with numbers blanked."""
    match = re.match(r"^/admin/pages/(\d+)/(.*)$", path)
    if match and int(match[1]) in page_types:
        return f"/admin/pages/<{page_types[int(match[1])]}>/" + re.sub(r"\d+", "N", match[2])
    return re.sub(r"\d+", "N", path)


def english_in_admin(client, usernames):
    """{word: [(url, text)]} of English words in the admin pages reachable from the dashboard, and
    the external image sources and server errors met on the way."""
    from wagtail.models import Page

    page_types = dict(Page.objects.values_list("pk", "content_type__model"))
    queue, seen, patterns = ["/admin/"], set(), Counter()
    found, external, errors = {}, set(), []
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        key = _pattern(parts.path, page_types) + ("?" if parts.query else "")
        if patterns[key]:
            continue
        patterns[key] += 1
        # As from a browser set to English: the admin is Chinese all the same.
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        visited += 1
        if response.status_code >= 500:
            errors.append(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        soup, texts = visible_texts(html)
        for text in texts:
            for name in usernames:
                text = text.replace(name, " ")
            for word in WORD.findall(text):
                if word not in ALLOWED:
                    found.setdefault(word, []).append((url, text.strip()[:100]))
        for img in soup.find_all("img", src=True):
            if img["src"].startswith(("http:", "https:", "//")):
                external.add(img["src"])
        for link in soup.find_all("a", href=True):
            href = link["href"].split("#")[0]
            if href.startswith("/admin/") and href not in seen and not any(s in href for s in SKIP):
                queue.append(href)
    return found, external, errors, visited


@pytest.mark.parametrize("username", ROLES)
def test_every_admin_page_a_role_reaches_is_in_chinese(demo, login, username):
    from django.contrib.auth import get_user_model

    client = login(username)
    usernames = sorted(get_user_model().objects.values_list("username", flat=True), key=len, reverse=True)
    found, external, errors, visited = english_in_admin(client, usernames)
    assert visited >= 5, f"{username} reached only {visited} admin pages"
    assert not errors, f"server errors for {username}: {errors}"
    assert not external, f"images from outside the portal (broken without internet): {sorted(external)}"
    report = "\n".join(f"  {word!r} on {places[0][0]}: {places[0][1]!r}" for word, places in sorted(found.items()))
    assert not found, f"English in the admin as {username}:\n{report}"


def test_edit_and_create_messages_name_the_object_in_chinese(demo, login):
    """Success messages say which object ("页面“…”已更新。"), a failed create says why in Chinese."""
    from django.contrib.messages import get_messages

    from portal.disclosures.models import TownshipCapacity

    client = login("xihu_editor")
    capacity = TownshipCapacity.objects.filter(township__code__startswith="330106").select_related("township").first()
    url = f"/admin/snippets/disclosures/townshipcapacity/edit/{capacity.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["recipients_as_of"] = str(data["recipients_as_of"])
    data["window_hours"] = "周一至周五 8:30-12:00，14:00-17:00"
    response = client.post(url, data, follow=True)
    messages = [str(m) for m in get_messages(response.wsgi_request)] or [str(m) for m in response.context["messages"]]
    assert any(f"“{capacity}”已更新" in m for m in messages), messages

    from portal.home.models import RegionSectionPage

    folder = RegionSectionPage.objects.filter(region__code="330106", url_path__contains="/news/").first()
    response = client.post(
        f"/admin/pages/add/home/standardpage/{folder.pk}/",
        {"title": "", "slug": "", "summary": "", "body-count": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "页面未能创建：请改正标出的错误。" in html
    assert "could not be created" not in html
