"""The public read API at /api/v1/ (django-ninja, which Wagtail already depends on), with its OpenAPI
schema at /api/v1/schema/. Each app contributes a `router` in its `api.py`; they are found here so
apps never edit a shared file to add endpoints.

Bad parameters are a 400 with a JSON body {"detail": "..."} on every route, in one place: the views
raise django.core.exceptions.BadRequest (as the HTML views do) and ninja's own validation errors
(a wrong type, a number out of bounds) are answered the same way. Without these handlers ninja
passes BadRequest on to Django (an HTML page) or, with DEBUG on, answers it with a 500."""

import importlib

from django.apps import apps
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

api = NinjaAPI(
    title="政府购买社会救助服务信息公开平台 API",
    version="1",
    description="公开数据接口：采购公告、承接主体、绩效评价、办理时限等。数据以 CC BY 4.0 许可开放。"
    '参数无效时返回 400 和 JSON {"detail": "说明"}。',
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
)


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("请求参数无效。")}, status=400)


def _parameter(error):
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    return ".".join(location) or "?"


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """ninja's validation errors (422 by default) as a 400 naming the parameters, with pydantic's
    details kept under "errors"."""
    names = sorted({_parameter(error) for error in exc.errors})
    detail = _("参数无效：%(names)s。") % {"names": "、".join(names)}
    errors = [{key: error[key] for key in ("type", "loc", "msg") if key in error} for error in exc.errors]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


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
