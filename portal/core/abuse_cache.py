"""The cache backend of the abuse-protection state (rate-limit counters, spent CAPTCHA questions)
on the embedded default: Django's database cache, shared by every process on the database (several
gunicorn workers), with an increment that holds under concurrency.

Django's DatabaseCache.add() is atomic (an INSERT on the primary key: of two processes adding the
same key, one fails), but its incr() is a read then a write, so two processes incrementing at once
both write the same value and a counter under load loses counts. Here incr() first takes the row's
lock (an UPDATE of the row: a row lock on PostgreSQL, the write lock on SQLite) in a transaction
that then reads and writes the value, so concurrent increments wait for each other. (django-
ratelimit refuses DatabaseCache for this reason, django_ratelimit.checks.)"""

from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import router, transaction
from django.db.models import F

TABLE = "portal_abuse_cache"


class AbuseStateCache(DatabaseCache):
    def __init__(self, table, params):
        if table != TABLE:
            raise ImproperlyConfigured(f"AbuseStateCache keeps its rows in the table {TABLE} (LOCATION), not {table}.")
        super().__init__(table, params)

    def incr(self, key, delta=1, version=None):
        from .models import AbuseCacheEntry

        db = router.db_for_write(self.cache_model_class)
        cache_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db):
            AbuseCacheEntry.objects.using(db).filter(cache_key=cache_key).update(expires=F("expires"))
            return super().incr(key, delta, version)
