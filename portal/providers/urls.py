from django.urls import path

from .views import applications, directory, eligibility, exports

app_name = "providers"

urlpatterns = [
    path("providers/", directory.directory, name="directory"),
    path("providers/export.<str:fmt>", exports.export, name="export"),
    path("providers/import-template.<str:fmt>", exports.import_template, name="import_template"),
    path("providers/apply/", applications.apply, name="apply"),
    path("providers/apply/submitted/", applications.submitted, name="application_submitted"),
    path("providers/apply/track/", applications.track, name="application_track"),
    path("providers/eligibility/", eligibility.criteria, name="criteria"),
    path("providers/eligibility-check/", eligibility.eligibility_check, name="eligibility_check"),
    path("providers/<str:credit_code>/", directory.detail, name="detail"),
]
