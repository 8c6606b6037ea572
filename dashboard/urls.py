from django.urls import path

from dashboard import demand_views, views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.dashboard, name="index"),
    path("dashboard/vraag-en-aanbod/", demand_views.demand_and_offer, name="demand"),
    path("dashboard/vraag-en-aanbod/vraag-en-aanbod.csv", demand_views.demand_and_offer_csv, name="demand_csv"),
    path("dashboard/<slug:key>.csv", views.table_csv, name="table_csv"),
    path("netwerk/", views.network, name="network"),
    path("netwerk/netwerk.csv", views.network_csv, name="network_csv"),
]
