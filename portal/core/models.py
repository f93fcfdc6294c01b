"""The table of the abuse-protection cache (portal.core.abuse_cache)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AbuseCacheEntry(models.Model):
    """A row of CACHES["abuse"] on the database (Django's database cache schema, as
    `createcachetable` would make it). A model, so that migrations create the table wherever the
    portal runs and test flushes empty it."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "portal_abuse_cache"
        verbose_name = _("防滥用计数")
        verbose_name_plural = _("防滥用计数")
        default_permissions = ()

    def __str__(self):
        return self.cache_key
