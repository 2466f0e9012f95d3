from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "dugnad.people"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        # Registers the module's permission rules and personal-data exporters.
        from dugnad.people import permissions, privacy  # noqa: F401
