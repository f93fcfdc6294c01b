"""Links from a case's subject to other registers."""

from portal.providers.services import provider_for_code as registry_provider_for_code


def provider_for_code(code):
    """The registry's provider with this unified social credit code, or None; never an error, so a
    case page still renders when the registry cannot answer (portal.providers.services.provider_for_code)."""

    try:
        return registry_provider_for_code(code)
    except Exception:  # the registry may not have its table yet (other app mid-migration)
        return None
