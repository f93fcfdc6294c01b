from django.conf import settings


def portal(request):
    return {
        "large_text": getattr(request, "large_text", False),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
