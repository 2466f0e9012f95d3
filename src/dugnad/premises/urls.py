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

# Season allocation and waiting lists (their own views module).
from dugnad.premises import season_views  # noqa: E402

urlpatterns += [
    path("sesong/", season_views.rounds, name="season-rounds"),
    path("sesong/ny/", season_views.round_create, name="season-round-create"),
    path("sesong/prioriteringer/", season_views.priorities, name="season-priorities"),
    path("sesong/<int:pk>/", season_views.round_detail, name="season-round"),
    path("sesong/<int:pk>/sok/", season_views.apply, name="season-apply"),
    path("sesong/<int:pk>/tildeling/", season_views.allocation, name="season-allocation"),
    path("sesong/<int:pk>/rapport.csv", season_views.report_csv, name="season-report"),
    path("sesong/onske/<int:pk>/endre/", season_views.adjust, name="season-adjust"),
    path("sesong/vedtak/<int:pk>/", season_views.decision, name="season-decision"),
    path("sesong/vedtak/<int:pk>/pdf/", season_views.decision_pdf, name="season-decision-pdf"),
    path("rom/<int:pk>/venteliste/", season_views.waitlist_join, name="waitlist-join"),
    path("venteliste/", season_views.my_waitlist, name="waitlist"),
    path("venteliste/<int:pk>/trekk/", season_views.waitlist_withdraw, name="waitlist-withdraw"),
    path("venteliste/tilbud/<str:token>/", season_views.waitlist_offer, name="waitlist-offer"),
]
