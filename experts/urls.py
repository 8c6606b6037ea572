from django.urls import path

from experts import views

app_name = "experts"
urlpatterns = [
    path("experts/", views.directory, name="directory"),
    path("experts/provincies/", views.province_overview, name="province_overview"),
    path("experts/mijn-profiel/", views.own_profile, name="own_profile"),
    path("experts/<int:pk>/", views.detail, name="detail"),
]
