from django.urls import path

from dugnad.premises import views

app_name = "premises"

urlpatterns = [
    path("", views.index, name="index"),
    path("bygg/<int:pk>/", views.building, name="building"),
    path("ledig/", views.search, name="search"),
    path("bygg/<int:pk>/dag/", views.building_day, name="building-day"),
    path("bygg/<int:pk>/rediger/", views.building_edit, name="building-edit"),
    path("bygg/<int:pk>/utnyttelse/", views.utilisation, name="utilisation"),
    path("bygg/<int:pk>/utnyttelse.csv", views.utilisation_csv, name="utilisation-csv"),
    path("rom/<int:pk>/", views.space_week, name="space-week"),
    path("rom/<int:pk>/dag/", views.space_day, name="space-day"),
    path("rom/<int:pk>/book/", views.book, name="booking-create"),
    path("rom/<int:pk>/fast/", views.book_series, name="series-create"),
    path("serier/<int:pk>/avlys/", views.cancel_series, name="series-cancel"),
    path("kalender/", views.feeds, name="feeds"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
    path("mine-bookinger/", views.my_bookings, name="my-bookings"),
    path("bookinger/<int:pk>/avlys/", views.cancel, name="booking-cancel"),
    path("fakturagrunnlag/", views.invoice_basis, name="invoice-basis"),
    path("foresporsler/", views.requests, name="requests"),
    path("foresporsler/<int:pk>/", views.decide, name="booking-decide"),
]
