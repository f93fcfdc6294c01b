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
