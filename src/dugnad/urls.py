from allauth.account.views import LoginView
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from dugnad.api import api
from dugnad.municipalities import views as shell
from dugnad.municipalities.page_cache import public_page

urlpatterns = [
    path("", shell.home, name="home"),
    path("helse/", shell.health, name="health"),
    path("personvern/", shell.privacy, name="privacy"),
    path("tilgjengelighet/", shell.accessibility, name="accessibility"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The log-in page is served from the public page cache to anonymous visitors.
    path("konto/login/", public_page(LoginView.as_view()), name="account_login"),
    path("konto/", include("allauth.urls")),
    path("", include("dugnad.people.urls")),
    path("organisasjoner/", include("dugnad.directory.urls")),
    path("frivillighet/", include("dugnad.volunteering.urls")),
    path("lokaler/", include("dugnad.premises.urls")),
    path("tilskudd/", include("dugnad.grants.urls")),
    path("medvirkning/", include("dugnad.participation.urls")),
    path("innbyggerpanel/", include("dugnad.panel.urls")),
    path("arrangementer/", include("dugnad.events.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
