from django.urls import path

from questions import views

app_name = "questions"
urlpatterns = [
    path("vraag-het-netwerk/", views.question_list, name="list"),
    path("vraag-het-netwerk/stellen/", views.ask, name="ask"),
    path("vraag-het-netwerk/meldingen/", views.mail_setting, name="mail_setting"),
    path("vraag-het-netwerk/<int:pk>/", views.question_detail, name="detail"),
    path("vraag-het-netwerk/<int:pk>/antwoorden/", views.answer, name="answer"),
    path("vraag-het-netwerk/<int:pk>/geholpen/", views.mark_helpful, name="mark_helpful"),
    path("vraag-het-netwerk/<int:pk>/verbergen/", views.hide_question, name="hide_question"),
    path("vraag-het-netwerk/<int:pk>/sluiten/", views.close, name="close"),
    path("vraag-het-netwerk/<int:pk>/kennisartikel/", views.publish_as_draft, name="publish_as_draft"),
    path("vraag-het-netwerk/antwoord/<int:pk>/verbergen/", views.hide_answer, name="hide_answer"),
]
