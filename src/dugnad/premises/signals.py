"""Keep the in-memory building configuration (``building_config.py``) current,
and end an organisation's calendar feed address when one of its administrators
loses the role."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dugnad.people.models import Role, RoleAssignment
from dugnad.premises.building_config import configuration_changed
from dugnad.premises.models import (
    Building,
    CalendarFeed,
    Closure,
    OpeningHours,
    Space,
    Tariff,
    new_feed_token,
)


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


@receiver(post_delete, sender=RoleAssignment)
def organisation_admin_removed(sender: type, instance: RoleAssignment, **_kwargs: Any) -> None:
    """A removed administrator knows the organisation's secret feed address:
    give the organisation a new one, in the transaction that removes the role.

    A ``post_delete`` receiver on the role (rather than a call in
    ``directory.remove_member``) covers every way a role ends — removal by the
    organisation, revocation by staff and account deletion — without the
    ``people`` layer knowing about premises."""
    if instance.role != Role.ORGANISATION_ADMIN or instance.scope_id is None:
        return
    if instance.scope_type_id is None:
        return
    scope_type = ContentType.objects.get_for_id(instance.scope_type_id)
    if (scope_type.app_label, scope_type.model) != ("directory", "organisation"):
        return
    for feed in CalendarFeed.objects.filter(organisation_id=instance.scope_id):
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
