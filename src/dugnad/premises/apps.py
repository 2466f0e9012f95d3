from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    name = "dugnad.premises"
    verbose_name = _("Premises")

    def ready(self) -> None:
        # Registers the module's permission rules, personal-data exporter and
        # the receivers that keep the in-memory building configuration current.
        from dugnad.premises import permissions, privacy, signals  # noqa: F401
