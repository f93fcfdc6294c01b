"""Embedded default for `make run`: SQLite, local-memory cache, no other service."""

from .base import *  # noqa: F401,F403
from .env import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ALLOWED_HOSTS = ["*"]
# Template and code edits show at once; set PAGE_CACHE_SECONDS to try the anonymous page cache.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
