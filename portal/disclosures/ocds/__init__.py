"""Open Contracting Data Standard 1.1 output (docs/domain.md section 4): one release per published
notice, release packages and record packages."""

from .packages import record_package, release_package
from .releases import build_release

__all__ = ["build_release", "record_package", "release_package"]
