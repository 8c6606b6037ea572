from django.urls import path

from trainingnet.views import coming_soon

app_name = "courses"
urlpatterns = [
    path("trainingen/", coming_soon, {"title": "Trainingen"}, name="index"),
    path("agenda/", coming_soon, {"title": "Agenda"}, name="agenda"),
]
