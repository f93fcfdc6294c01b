"""Error pages in the portal's own layout. A 400 explains what was wrong with the request. The read
API (/api/) and the open-data JSON endpoints (*.json) answer in JSON, {"detail": "..."}, like the
API's own errors (portal/core/api.py)."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404
from django.utils.translation import gettext as _


def _wants_json(request):
    return request.path.startswith("/api/") or request.path.endswith(".json")


def bad_request(request, exception=None):
    message = str(exception) if exception is not None and str(exception) else None
    if _wants_json(request):
        return JsonResponse(
            {"detail": message or _("请求参数无效。")}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    if _wants_json(request):
        # A view's own message ("没有这个开放合同编号"), never the resolver's (it lists the URL patterns).
        own = isinstance(exception, Http404) and not isinstance(exception, Resolver404) and exception.args
        message = str(exception.args[0]) if own and isinstance(exception.args[0], str) else _("没有找到。")
        return JsonResponse({"detail": message}, status=404, json_dumps_params={"ensure_ascii": False})
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
