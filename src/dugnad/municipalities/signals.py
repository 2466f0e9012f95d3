"""Cache invalidation for host resolution (no workflow lives here)."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dugnad.municipalities.middleware import clear_tenant_cache
from dugnad.municipalities.models import Municipality, MunicipalityHost


@receiver([post_save, post_delete], sender=Municipality)
@receiver([post_save, post_delete], sender=MunicipalityHost)
def forget_host_resolution(**_kwargs: Any) -> None:
    clear_tenant_cache()
