"""Display preferences (长辈版 large-text, high-contrast mode) kept in a cookie, so they persist
across pages and work without JavaScript."""

DISPLAY_COOKIE = "portal_display"
LARGE = "large"


class DisplayPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.large_text = request.COOKIES.get(DISPLAY_COOKIE) == LARGE
        response = self.get_response(request)
        # Pages differ by this cookie, so shared caches must not mix the two modes.
        if response.get("Content-Type", "").startswith("text/html"):
            from django.utils.cache import patch_vary_headers

            patch_vary_headers(response, ["Cookie"])
        return response


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than its view accepts, by its Content-Length header,
    before anything reads the body: a 413 page (a 429 when the refusal also goes over the view's
    rate limit, since it counts toward it). Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not cover
    files, and the views' own checks came after CsrfViewMiddleware had read and stored the whole
    body to get the CSRF token: this middleware must come before CsrfViewMiddleware.

    The cap of a view is set with portal.core.abuse.body_limit; other views have
    settings.MAX_REQUEST_BYTES. A body without a Content-Length is not read by Django at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.conf import settings
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        cap = getattr(view_func, "max_request_bytes", None) or settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then
        if length <= cap:
            return None
        limit = getattr(view_func, "request_limit", None)
        limited = limit is not None and limit.exceeded(request)
        message = getattr(view_func, "too_large_message", None) or _(
            "提交内容过大（超过 %(mb)d MB），未被接收。请减少或压缩附件后重新提交。"
        ) % {"mb": cap // (1024 * 1024)}
        if limited:
            message = _("提交过于频繁，请稍后再试。") + message
        return render(request, "400.html", {"message": message}, status=429 if limited else 413)


class NullCharacterMiddleware:
    """Refuses, with the 400 page (JSON under /api/), a request whose path or query parameters carry
    a NUL character (%00). No address or parameter of the portal can contain one, and PostgreSQL
    refuses NUL in text, so a lookup with it would fail as a server error. Posted form fields are
    left to Django's form fields, which refuse NUL already (ProhibitNullCharactersValidator); path
    parameters and query parameters read by views do not pass through them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import BadRequest
        from django.utils.translation import gettext as _

        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest(_("请求地址或参数中含有不允许的空字符。"))
        return self.get_response(request)
