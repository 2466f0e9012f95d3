from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "dugnad.municipalities"
    verbose_name = _("Municipalities")

    def ready(self) -> None:
        from dugnad.municipalities import signals  # noqa: F401
