from .application import DOCUMENT_FIELDS, ApplicationForm, TrackForm
from .selfcheck import PrefillForm, SelfCheckForm

__all__ = ["DOCUMENT_FIELDS", "ApplicationForm", "PrefillForm", "SelfCheckForm", "TrackForm"]
