"""Keep the in-memory building configuration (``building_config.py``) current."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dugnad.premises.building_config import configuration_changed
from dugnad.premises.models import Building, Closure, OpeningHours, Space, Tariff


@receiver([post_save, post_delete], sender=Building)
@receiver([post_save, post_delete], sender=Space)
@receiver([post_save, post_delete], sender=OpeningHours)
@receiver([post_save, post_delete], sender=Closure)
@receiver([post_save, post_delete], sender=Tariff)
def building_configuration_changed(sender: type, instance: Any, **_kwargs: Any) -> None:
    building_id = instance.pk if sender is Building else instance.building_id
    if building_id is None:
        return
    # Now (later reads in this transaction) and on commit (a request that read
    # the old rows in between must not keep them under the new version).
    configuration_changed(building_id)
    if not transaction.get_autocommit():
        transaction.on_commit(lambda: configuration_changed(building_id))
