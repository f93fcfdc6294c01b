from .campaign import CampaignPage
from .common import Audience, Channel
from .index import CampaignIndexPage
from .material import MaterialPage
from .training import TrainingCoursePage

__all__ = ["Audience", "CampaignIndexPage", "CampaignPage", "Channel", "MaterialPage", "TrainingCoursePage"]
