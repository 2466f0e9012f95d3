from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "dugnad.directory"
    verbose_name = _("Organisation directory")

    def ready(self) -> None:
        # Registers the module's permission rules and personal-data exporters.
        from dugnad.directory import permissions, privacy  # noqa: F401
