"""URLs of the train-your-colleague days, all under /agenda/ (namespace `scheduling`)."""

from django.urls import path

from scheduling import views

app_name = "scheduling"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/sessie/<int:pk>/", views.session_detail, name="session_detail"),
    path("agenda/sessie/<int:pk>/boeken/", views.book, name="session_book"),
    path("agenda/sessie/<int:pk>/deelnemers/", views.attendees, name="session_attendees"),
    path("agenda/sessie/<int:pk>/deelnemers.csv", views.attendees_csv, name="session_attendees_csv"),
    path("agenda/sessie/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("agenda/aanbod/<str:token>/", views.seat_offer, name="seat_offer"),
    path("agenda/boeking/<int:pk>/annuleren/", views.cancel, name="booking_cancel"),
    path("agenda/provincie/<slug:code>.ics", views.province_ics, name="province_ics"),
    path("agenda/mijn-boekingen/", views.my_bookings, name="my_bookings"),
    path("agenda/mijn-boekingen/nieuwe-agenda-link/", views.renew_feed, name="renew_feed"),
    path("agenda/feed/<slug:token>.ics", views.personal_feed, name="personal_feed"),
    path("agenda/mijn-sessies/", views.my_sessions, name="my_sessions"),
    path("agenda/toezeggen/", views.pledge_create, name="pledge_create"),
    path("agenda/dekking/", views.coverage, name="coverage"),
    path("agenda/vergoedingen/", views.fee_list, name="fee_list"),
    path("agenda/vergoedingen.csv", views.fee_csv, name="fee_csv"),
    path("agenda/evaluatie/<str:token>/", views.evaluation, name="evaluation"),
]
