from django.urls import path

from dugnad.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.index, name="index"),
    path("oppdrag/<int:pk>/", views.need, name="need"),
    path("oppdrag/<int:pk>/interesse/", views.interest, name="need-interest"),
    path("vakter/<int:pk>/ta/", views.take_shift, name="shift-take"),
    path("mitt/", views.mine, name="mine"),
    path("mitt/profil/", views.profile_edit, name="profile"),
    path("mitt/forslag/", views.recommended, name="recommended"),
    path("mitt/historikk/", views.history, name="history"),
    path("mitt/attest/<int:pk>/", views.certificate, name="certificate"),
    path("mitt/oppdrag/<int:pk>/formal/", views.purpose_letter, name="purpose-letter"),
    path("mitt/vakter/<int:pk>/timer/", views.own_hours, name="signup-own-hours"),
    path("mitt/vakter/<int:pk>/avbryt/", views.cancel_shift, name="signup-cancel"),
    path("mitt/oppdrag/<int:pk>/trekk/", views.withdraw, name="engagement-withdraw"),
    path("koordinering/", views.coordinate, name="coordinate"),
    path("koordinering/ubesvart/", views.escalated, name="escalated"),
    path(
        "koordinering/tjeneste/<int:pk>/",
        views.owner_needs,
        {"kind": "service"},
        name="service-coordinate",
    ),
    path(
        "koordinering/tjeneste/<int:pk>/nytt/",
        views.need_create,
        {"kind": "service"},
        name="service-need-create",
    ),
    path(
        "koordinering/organisasjon/<int:pk>/",
        views.owner_needs,
        {"kind": "organisation"},
        name="organisation-coordinate",
    ),
    path(
        "koordinering/organisasjon/<int:pk>/nytt/",
        views.need_create,
        {"kind": "organisation"},
        name="organisation-need-create",
    ),
    path("koordinering/oppdrag/<int:pk>/", views.need_edit, name="need-edit"),
    path("koordinering/oppdrag/<int:pk>/vakter/", views.shift_add, name="shift-add"),
    path("koordinering/oppdrag/<int:pk>/status/", views.need_status, name="need-status"),
    path(
        "koordinering/oppdrag/<int:pk>/frivillige/", views.need_volunteers, name="need-volunteers"
    ),
    path(
        "koordinering/oppdrag/<int:pk>/politiattest/", views.politiattest, name="need-politiattest"
    ),
    path("koordinering/engasjement/<int:pk>/", views.engagement_decide, name="engagement-decide"),
    path(
        "koordinering/engasjement/<int:pk>/formal/",
        views.approve_purpose_letter,
        name="engagement-purpose-letter",
    ),
    path("koordinering/vakter/<int:pk>/", views.shift_roster, name="shift-roster"),
    path("koordinering/pamelding/<int:pk>/", views.signup_hours, name="signup-hours"),
]

from dugnad.volunteering import callout_views  # noqa: E402

urlpatterns += [
    path("beredskap/", callout_views.register, name="responder"),
    path("beredskap/avmeld/", callout_views.unregister, name="responder-remove"),
    path("utkallinger/", callout_views.callout_list, name="callouts"),
    path("utkallinger/ny/", callout_views.callout_create, name="callout-create"),
    path("utkallinger/<int:pk>/", callout_views.callout, name="callout"),
    path("utkallinger/<int:pk>/tall/", callout_views.callout_counts, name="callout-counts"),
    path("utkallinger/<int:pk>/send/", callout_views.callout_send, name="callout-send"),
    path("utkallinger/<int:pk>/lukk/", callout_views.callout_close, name="callout-close"),
    path("svar/<str:token>/<str:value>/", callout_views.answer, name="callout-answer"),
]

from dugnad.volunteering import programme_views  # noqa: E402

urlpatterns += [
    path("ambassadorer/", programme_views.ambassadors, name="ambassadors"),
    path("mentor/", programme_views.mentor_home, name="mentor"),
    path("mentor/koordinering/", programme_views.mentor_coordinate, name="mentor-coordinate"),
    path("mentor/koordinering/par/", programme_views.mentor_confirm, name="mentor-confirm"),
    path("mentor/par/<int:pk>/", programme_views.mentor_pair, name="mentor-pair"),
    path("mentor/par/<int:pk>/mote/", programme_views.mentor_meeting, name="mentor-meeting"),
    path(
        "mentor/par/<int:pk>/evaluering/",
        programme_views.mentor_evaluation,
        name="mentor-evaluation",
    ),
    path("mentor/par/<int:pk>/avslutt/", programme_views.mentor_end, name="mentor-end"),
]

from dugnad.volunteering import overview_views  # noqa: E402

urlpatterns += [
    path("oversikt/", overview_views.overview_page, name="overview"),
    path("oversikt/csv/", overview_views.overview_csv, name="overview-csv"),
]
