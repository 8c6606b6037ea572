from django.urls import path

from maturity import views

app_name = "maturity"
urlpatterns = [
    path("volwassenheid/", views.assessment_form, name="form"),
    path("volwassenheid/uitslag/<int:pk>/", views.assessment_result, name="result"),
    path("volwassenheid/geschiedenis/", views.own_history, name="own_history"),
    path("volwassenheid/gemeenten/<slug:cbs_code>/", views.municipality_history, name="history"),
    path("volwassenheid/gemeenten/<slug:cbs_code>/benchmark/", views.benchmark_consent, name="benchmark_consent"),
    path("dashboard/jaarmeting/", views.measurement_overview, name="measurements"),
    path("netwerk/benchmark/", views.benchmark, name="benchmark_index"),
    path("netwerk/benchmark/<slug:slug>/", views.benchmark, name="benchmark"),
]
