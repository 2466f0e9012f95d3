from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "dugnad.directory"
    verbose_name = _("Organisation directory")

    def ready(self) -> None:
        # Registers the module's permission rules, personal-data exporters and
        # the receivers that keep cached pages and facet indexes current.
        from dugnad.directory import permissions, privacy, signals  # noqa: F401
