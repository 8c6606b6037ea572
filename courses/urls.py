from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("zoeken/suggesties/", views.suggestions, name="search_suggestions"),
    path("materialen/<int:document_id>/", views.material, name="material"),
]
