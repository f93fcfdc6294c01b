from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    """Performance evaluations of the purchased services: schemes, result pages, the index and its
    downloads, the provider's latest grade in the registry and its profile section. It may import
    disclosures and providers; nothing imports it (docs/architecture.md)."""

    name = "portal.evaluations"
    label = "evaluations"
    verbose_name = _("绩效评价")

    # Province administrators keep the evaluation schemes (collected by portal.home.roles).
    role_permissions = {"province": ["add_evaluationscheme", "change_evaluationscheme"]}

    def ready(self):
        from . import registry, signal_handlers

        registry.register()
        signal_handlers.connect()
