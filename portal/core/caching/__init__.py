"""The portal's one caching boundary (see docs/architecture.md, "Caching"):

- `middleware.AnonymousPageCacheMiddleware`: the full-page cache of anonymous visitors;
- `generation`: the content generation every cached page and fragment carries, and the signals
  that bump it (purge) when public content changes;
- `fragments.remember` / `remember_many`: the one way to cache a fragment.

Views and templates do not talk to the cache themselves: they call these."""

from .fragments import fragment_key, fragment_seconds, frame_key, remember, remember_many
from .generation import generation, purge
from .middleware import HEADER, seconds

__all__ = [
    "HEADER",
    "fragment_key",
    "fragment_seconds",
    "frame_key",
    "generation",
    "purge",
    "remember",
    "remember_many",
    "seconds",
]
