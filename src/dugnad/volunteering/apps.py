from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "dugnad.volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        # Registers the module's permission rules and personal-data exporter.
        from dugnad.volunteering import permissions, privacy, programme_privacy  # noqa: F401
