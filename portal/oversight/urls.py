from django.urls import path

from .views import public, register

app_name = "oversight"

urlpatterns = [
    path("oversight/complaints/new/", public.complaint_new, name="complaint_new"),
    path("oversight/media/new/", public.media_new, name="media_new"),
    path("oversight/receipt/", public.receipt, name="receipt"),
    path("oversight/receipt/pdf/", public.receipt_pdf, name="receipt_pdf"),
    path("oversight/track/", public.track, name="track"),
    path("oversight/register/", register.register, name="register"),
    path("oversight/register/<str:reference>/", register.register_detail, name="register_detail"),
    path("oversight/statistics/", register.statistics_view, name="statistics"),
    path("oversight/statistics.csv", register.statistics_csv, name="statistics_csv"),
]
