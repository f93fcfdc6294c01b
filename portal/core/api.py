"""The public read API at /api/v1/ (django-ninja, which Wagtail already depends on), with its OpenAPI
schema at /api/v1/schema/. Each app contributes a `router` in its `api.py`; they are found here so
apps never edit a shared file to add endpoints."""

import importlib

from django.apps import apps
from ninja import NinjaAPI

api = NinjaAPI(
    title="政府购买社会救助服务信息公开平台 API",
    version="1",
    description="公开数据接口：采购公告、承接主体、绩效评价、办理时限等。数据以 CC BY 4.0 许可开放。",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
)


def _discover():
    for config in apps.get_app_configs():
        if not config.name.startswith("portal."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "PREFIX", ""), router)


_discover()
