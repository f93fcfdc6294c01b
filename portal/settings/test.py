"""Test settings: fast password hashing, immediate tasks, in-memory email, isolated media."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import CACHES, DATABASES  # noqa: F401

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
PAGE_CACHE_SECONDS = 0  # tests of the page cache switch it on with the settings fixture
FRAGMENT_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
_tmp = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
PORTAL_BASE_URL = ""  # not from the environment: tests that need it set it themselves
# Not the portal's var/page-cache.generation: a portal running beside the tests must not purge them
# (unless PORTAL_VAR_DIR names a folder of the test's own).
PAGE_CACHE_GENERATION_FILE = None if os.environ.get("PORTAL_VAR_DIR") else _tmp / "page-cache.generation"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Parallel runs against one PostgreSQL server (several developers or helpers) use distinct test DBs.
_suffix = os.environ.get("PORTAL_TEST_DB_SUFFIX", "")
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Tests need no durability: commits do not wait for the WAL to reach the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
if _suffix and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_suffix}"}

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (manage.py check under test settings opens the default DB path)
