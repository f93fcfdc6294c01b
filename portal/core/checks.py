"""System checks of the portal's own settings."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_public_base_url(app_configs, **kwargs):
    from .public_url import configured_base_url, parse_base_url

    value = configured_base_url()
    if not value:
        return []
    try:
        parse_base_url(value)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="portal.E001", hint="Set PORTAL_BASE_URL to e.g. https://jiuzhu.example.gov.cn")]
    return []
