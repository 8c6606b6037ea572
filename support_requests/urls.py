from django.urls import path

from support_requests import views

app_name = "support_requests"
urlpatterns = [
    path("hulp-vragen/", views.intake_view, name="intake"),
    path("hulp-vragen/mijn/", views.my_requests, name="mine"),
    path("hulp-vragen/ontvangen/<slug:token>/", views.received, name="received"),
    path("hulp-vragen/status/<slug:token>/", views.status_view, name="status"),
    path("hulp-vragen/verzoek/<str:token>/", views.invitation_view, name="invitation"),
    path("hulp-vragen/<slug:reference>/", views.detail, name="detail"),
]
