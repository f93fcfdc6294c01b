"""One private storage for every app (portal.core.storage)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from portal.core.storage import PrivateFileSystemStorage, private_storage
from portal.oversight.models import Attachment
from portal.providers.models import ProviderApplication


def test_private_files_have_no_url():
    with pytest.raises(ValueError):
        private_storage().url("x.pdf")


def test_private_storages_sit_under_the_private_root_never_under_media():
    for field in (Attachment._meta.get_field("file"), _application_document_field()):
        location = Path(field.storage.location).resolve()
        assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in (location, *location.parents)
        assert Path(settings.MEDIA_ROOT).resolve() not in (location, *location.parents)
        with pytest.raises(ValueError):
            field.storage.url("x.pdf")


def test_one_instance_per_directory():
    assert private_storage("provider-applications") is private_storage("provider-applications")
    assert private_storage("provider-applications") is not private_storage()


def test_saved_files_land_in_the_private_directory(tmp_path):
    storage = PrivateFileSystemStorage(location=str(tmp_path))
    name = storage.save("a.txt", ContentFile(b"x"))
    assert (tmp_path / name).read_bytes() == b"x"


def _application_document_field():
    for related in ProviderApplication._meta.related_objects:
        for field in related.related_model._meta.fields:
            if field.get_internal_type() == "FileField":
                return field
    raise AssertionError("no FileField on the application documents")
