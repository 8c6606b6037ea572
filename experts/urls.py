from django.urls import path

from trainingnet.views import coming_soon

app_name = "experts"
urlpatterns = [
    path("experts/", coming_soon, {"title": "Experts"}, name="directory"),
]
