"""Cache invalidation for host resolution (no workflow lives here)."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dugnad.municipalities.middleware import clear_tenant_cache
from dugnad.municipalities.models import Municipality, MunicipalityHost
from dugnad.municipalities.page_cache import content_changed
from dugnad.municipalities.tenancy import MunicipalityOwned


@receiver([post_save, post_delete], sender=Municipality)
@receiver([post_save, post_delete], sender=MunicipalityHost)
def forget_host_resolution(instance: Any, **_kwargs: Any) -> None:
    clear_tenant_cache()
    municipality_id = (
        instance.pk if isinstance(instance, Municipality) else instance.municipality_id
    )
    content_changed(municipality_id)


@receiver([post_save, post_delete])
def forget_cached_pages(sender: type, instance: Any, **_kwargs: Any) -> None:
    """Any change to a municipality's records makes its cached public pages stale."""
    if isinstance(instance, MunicipalityOwned) and instance.municipality_id is not None:
        content_changed(instance.municipality_id)
