"""Deployment settings: production refuses to start without SECRET_KEY and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env_extra={"DJANGO_SETTINGS_MODULE": "portal.settings.production"}, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghijkl",
            "ALLOWED_HOSTS": "portal.example.gov.cn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_environment_drives_database_cache_and_search(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    result = _manage(
        "shell",
        "-c",
        code,
        env_extra={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "x" * 60,
            "DATABASE_URL": "postgres://u:p@db.example:5432/portal",
            "CACHE_URL": "redis://cache.example:6379/1",
            "SEARCH_ENGINE": "opensearch",
            "SEARCH_URL": "http://search.example:9200",
        },
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()[-3:]
    assert lines == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
        "portal.search.site_backend.OpenSearchSiteSearchBackend",
    ]
