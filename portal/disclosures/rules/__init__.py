"""The statutory rules engine: every period of Chinese government procurement law that the portal
enforces or shows, with its unit, length, direction and legal citation (docs/domain.md section 3),
computed on the working-day calendar (portal.reference.workdays, Civil Code counting)."""

from .catalogue import RULES, Rule, get_rule
from .compute import RuleResult, UnknownRule, compute, result_challenge_deadline

__all__ = ["RULES", "Rule", "RuleResult", "UnknownRule", "compute", "get_rule", "result_challenge_deadline"]
