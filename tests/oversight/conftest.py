"""Fixtures of the oversight tests: handling bodies, handlers, uploads and a solvable CAPTCHA."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters, used CAPTCHA nonces and the calendar live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_private_root(settings):
    """Each test starts with no attachment files (files are not rolled back with the database)."""
    import shutil
    from pathlib import Path

    shutil.rmtree(Path(settings.PRIVATE_MEDIA_ROOT) / "oversight", ignore_errors=True)


@pytest.fixture
def bodies(regions):
    """Handling bodies for Zhejiang, Hangzhou, Xihu district and Ningbo (not for other counties)."""
    from portal.oversight.factories import HandlingBodyFactory

    return {
        code: HandlingBodyFactory(region=regions[code], name=f"{regions[code].name}办理机构")
        for code in ("330000", "330100", "330106", "330200")
    }


class FixedRng:
    """randbelow() that makes the CAPTCHA ask 三加三等于几 (answer 6)."""

    def randbelow(self, n):
        return 2 if n == 9 else 1


@pytest.fixture
def solved_captcha():
    from portal.core import captcha

    def make():
        question, token = captcha.new_challenge(rng=FixedRng())
        assert question == "三加三等于几？"
        return {"captcha_token": token, "captcha_answer": "6"}

    return make


def make_handler(username, body=None, view_all=False):
    from portal.home.factories import UserFactory

    user = UserFactory(username=username, email="", password="pw-" + username)
    codenames = ["view_case", "change_case"]
    perms = list(Permission.objects.filter(content_type__app_label="oversight", codename__in=codenames))
    perms.append(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    group, _ = Group.objects.get_or_create(name="投诉办理员(测试)")
    group.permissions.add(*perms)
    user.groups.add(group)
    if view_all:
        # On the user, not the shared group: in the portal the 省级管理员 group carries it.
        user.user_permissions.add(Permission.objects.get(codename="view_all_cases"))
    if body is not None:
        body.members.add(user)
    return user


@pytest.fixture
def handler_factory():
    return make_handler


def png_bytes(size=(20, 20)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 90, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def complaint_data(regions, solved_captcha):
    def make(**overrides):
        data = {
            "category": "quality",
            "subject_type": "provider",
            "region": str(regions["330106"].pk),
            "subject_text": "西湖区某居家养老服务站",
            "description": "护理员多次未按约定时间上门，老人无人照料，请核查。",
            "contact_name": "张三",
            "contact_phone": "13812345678",
            "contact_email": "zhangsan@example.com",
            "consent_publish": "on",
            **solved_captcha(),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make
