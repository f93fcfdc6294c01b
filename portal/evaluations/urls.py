from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("disclosures/evaluations/", views.evaluation_list, name="evaluation_list"),
    path("disclosures/evaluations/evaluations.csv", views.evaluation_csv, name="evaluation_csv"),
    path("disclosures/evaluations/evaluations.xlsx", views.evaluation_xlsx, name="evaluation_xlsx"),
]
