from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.dashboard, name="index"),
    path("dashboard/<slug:key>.csv", views.table_csv, name="table_csv"),
    path("netwerk/", views.network, name="network"),
    path("netwerk/netwerk.csv", views.network_csv, name="network_csv"),
]
