from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "dugnad.directory"
    verbose_name = _("Organisation directory")

    def ready(self) -> None:
        from dugnad.directory import permissions  # noqa: F401  (registers the rules)
