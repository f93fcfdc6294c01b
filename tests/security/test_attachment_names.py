"""Complaint attachments are downloaded as what their bytes are: whatever name the sender gave the
file (an HTML or EXE extension, a right-to-left override reversing how it reads, path separators,
control characters, nothing but dots), a handler's download is `Content-Disposition: attachment`
with `X-Content-Type-Options: nosniff`, the sniffed content type, and a file name with exactly
one extension, that of the sniffed type (hypothesis draws the names)."""

import unicodedata
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.oversight.conftest import pdf_bytes, png_bytes

from .conftest import FUZZ
from .strategies import NASTY

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
FILES = {"image/png": (png_bytes(), "png"), "application/pdf": (pdf_bytes(), "pdf")}

names = st.one_of(
    st.text(max_size=60),
    st.sampled_from(NASTY),
    st.builds(
        lambda stem, trick, ext: f"{stem}{trick}.{ext}",
        st.text(max_size=20),
        st.sampled_from(["", "\u202e", "\u202egnp", "..", "/", "\\", "\x00", " "]),
        st.sampled_from(["html", "exe", "svg", "png.exe", "pdf.html", "js", ""]),
    ),
)


@pytest.fixture
def case_and_handler(bodies, regions):
    from portal.oversight.factories import CaseFactory
    from portal.oversight.roles import handler_group

    user = get_user_model().objects.create_user("names-handler", password="pw")
    user.groups.add(handler_group())
    bodies["330106"].members.add(user)
    return CaseFactory(region=regions["330106"]), user


def download_name(disposition):
    assert disposition.startswith("attachment;"), disposition
    if "filename*=" in disposition:
        return unquote(disposition.split("filename*=", 1)[1].split("''", 1)[1])
    return disposition.split('filename="', 1)[1].rstrip('"')


@given(name=names, recorded=st.sampled_from(sorted(FILES)), actual=st.sampled_from(sorted(FILES)))
@FUZZ
def test_downloads_carry_the_sniffed_type_and_its_extension_only(client, case_and_handler, name, recorded, actual):
    from portal.oversight.models import Attachment

    case, handler = case_and_handler
    content, ext = FILES[actual]
    item = Attachment(case=case, original_name=name[:200], content_type=recorded, size=len(content), sha256="x")
    item.file.save("upload", SimpleUploadedFile("upload", content), save=True)
    client.force_login(handler)
    response = client.get(reverse("oversight_case:attachment", args=[case.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == actual
    assert response["X-Content-Type-Options"] == "nosniff"
    served = download_name(response["Content-Disposition"])
    stem, _dot, served_ext = served.rpartition(".")
    assert served_ext == ext and "." not in stem and stem, served
    assert not any(ch in INVISIBLE or unicodedata.category(ch)[0] == "C" for ch in served), served
    assert not any(ch in '/\\:*?"<>|' for ch in served), served
