from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("publicity/", views.index, name="index"),
    path("publicity/print/<id:pk>/<slug:kind>.pdf", views.printable, name="printable"),
]
