"""Security headers on public pages: a Content-Security-Policy without unsafe-inline scripts,
nosniff, clickjacking protection; the admin login is protected by CSRF."""

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_csp(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_public_templates_have_no_inline_script_or_style(client, home_page):
    html = client.get("/").content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_admin_login_requires_csrf(home_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
