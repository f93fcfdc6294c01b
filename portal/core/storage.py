"""Private files: complaint attachments and provider application documents. They are stored under
settings.PRIVATE_MEDIA_ROOT (never under MEDIA_ROOT), have no URL, and are served only by views
that check permissions. One storage class for every app; each FileField names a module-level
callable returning `private_storage(<subdirectory>)`, so migrations do not depend on settings."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage whose files have no URL: they are served only by a checked view."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


class _PrivateStorage(LazyObject):
    """PrivateFileSystemStorage at PRIVATE_MEDIA_ROOT/<subdirectory>, set up on first use (so after
    the settings are final, test overrides included)."""

    def __init__(self, subdirectory):
        self.__dict__["subdirectory"] = subdirectory
        super().__init__()

    def _setup(self):
        self._wrapped = PrivateFileSystemStorage(location=str(Path(settings.PRIVATE_MEDIA_ROOT) / self.subdirectory))


_storages = {}


def private_storage(subdirectory=""):
    """The private storage rooted at PRIVATE_MEDIA_ROOT/<subdirectory> (one instance per directory)."""
    if subdirectory not in _storages:
        _storages[subdirectory] = _PrivateStorage(subdirectory)
    return _storages[subdirectory]
