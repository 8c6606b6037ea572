from django.urls import path

from cascade import views

app_name = "cascade"
urlpatterns = [
    path("doorgeven/", views.mine, name="mine"),
    path("doorgeven/<int:booking_id>/", views.booking_page, name="booking"),
    path("doorgeven/<int:booking_id>/praktijkvoorbeeld/", views.practice_example, name="practice_example"),
    path("doorgeven/<int:booking_id>/doorgeefpakket.zip", views.package_zip, name="package"),
    path("dashboard/doorgeven/", views.reach_page, name="reach"),
    path("dashboard/doorgeven/<slug:per>.csv", views.reach_csv, name="reach_csv"),
]
