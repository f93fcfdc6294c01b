"""Links from a case's subject to other registers, looked up at run time so this app does not depend
on the provider registry being installed."""

from django.apps import apps


def provider_for_code(code):
    """The providers.Provider with this unified social credit code, or None (also when the provider
    registry is not installed)."""
    if not code:
        return None
    try:
        provider_model = apps.get_model("providers", "Provider")
    except LookupError:
        return None
    try:
        return provider_model._default_manager.filter(credit_code=code).first()
    except Exception:  # the registry may not have its table yet (other app mid-migration)
        return None
