"""Production settings pass Django's deployment checks; public pages send the security headers;
every public POST form is protected by CSRF."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 40 + "-security-test-only-not-a-real-key-0123456789",
        "ALLOWED_HOSTS": "shjz.example.gov.cn",
    }
    env.pop("DATABASE_URL", None)  # the check needs no database server
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0


def _directives(csp):
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


PUBLIC_PAGES = [
    "/",
    "/disclosures/notices/",
    "/providers/",
    "/oversight/complaints/new/",
    "/oversight/register/",
    "/search/?q=救助",
    "/disclosures/deadlines/",
    "/providers/eligibility-check/",
    "/providers/apply/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_security_headers(client, fuzz_data, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = _directives(csp)
    script_src = directives.get("script-src", directives.get("default-src"))
    assert script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in directives.get("script-src-elem", [])
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") in (["'self'"], ["'none'"])
    assert directives.get("base-uri") in (["'self'"], ["'none'"]) or "base-uri" not in directives
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")
    assert "<script>" not in response.content.decode()  # no inline scripts for the CSP to forbid


PUBLIC_POST_FORMS = [
    "/oversight/complaints/new/",
    "/oversight/media/new/",
    "/oversight/track/",
    "/providers/apply/",
    "/providers/apply/track/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_POST_FORMS)
def test_public_post_forms_require_csrf(fuzz_data, path):
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(path)
    without_token = strict.post(path, {"reference": "TS-2026-000001", "access_code": "x"})
    assert without_token.status_code == 403
    if page.status_code == 200 and b"<form" in page.content:
        assert b'name="csrfmiddlewaretoken"' in page.content


@pytest.mark.django_db
def test_admin_login_requires_csrf(fuzz_data):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403
