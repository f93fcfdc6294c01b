from django.urls import path

from .capacity import views as capacity
from .feeds import NoticeFeed
from .views import calculator, listing, opendata

app_name = "disclosures"

urlpatterns = [
    path("disclosures/notices/", listing.notice_list, name="notice_list"),
    path("disclosures/notices/notices.csv", listing.notice_csv, name="notice_csv"),
    path("disclosures/notices/notices.xlsx", listing.notice_xlsx, name="notice_xlsx"),
    path("disclosures/capacity/", capacity.capacity, name="capacity"),
    path("disclosures/deadlines/", calculator.deadline_calculator, name="deadline_calculator"),
    path("feeds/notices.atom", NoticeFeed(), name="notice_feed"),
    path("open-data/", opendata.open_data, name="open_data"),
    path("open-data/ocds/releases.json", opendata.ocds_releases, name="ocds_releases"),
    path("open-data/ocds/records/<str:ocid>.json", opendata.ocds_record, name="ocds_record"),
]
