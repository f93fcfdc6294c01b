"""Admin of the evaluations: the schemes (province administrators)."""

from wagtail.snippets.models import register_snippet

from .admin import EvaluationGroup

register_snippet(EvaluationGroup)
