from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("disclosures/capacity/", views.capacity, name="capacity"),
]
