from django.urls import path

from trainingnet.views import coming_soon

app_name = "support_requests"
urlpatterns = [
    path("hulp-vragen/", coming_soon, {"title": "Hulp vragen"}, name="intake"),
]
