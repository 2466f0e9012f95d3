from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelConfig(AppConfig):
    name = "dugnad.panel"
    verbose_name = _("Citizen panel")
