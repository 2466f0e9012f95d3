"""Keep cached views of the directory current when organisations change.

The generic receiver in ``municipalities/signals.py`` bumps the home
municipality's content version when an organisation is saved. An organisation
is also listed where it is active (``active_in``), and its categories,
districts and municipalities are many-to-many links, which send no
``post_save``: these receivers bump every municipality that lists it, so the
cached pages and facet indexes (``search_index.py``) there are rebuilt.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver

from dugnad.directory.models import Organisation
from dugnad.directory.services import listing_changed
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.page_cache import content_changed


@receiver(pre_save, sender=Organisation)
def organisation_moving(
    instance: Organisation, update_fields: frozenset[str] | None = None, **_kwargs: Any
) -> None:
    """A new home municipality: the old one must stop listing it too."""
    if instance.pk is None or (update_fields is not None and "municipality" not in update_fields):
        return
    homes = Organisation.objects.filter(pk=instance.pk).values_list("municipality_id", flat=True)
    old_home = homes.first()
    if old_home is not None and old_home != instance.municipality_id:
        content_changed(old_home)


@receiver(post_save, sender=Organisation)
def organisation_saved(instance: Organisation, created: bool, **_kwargs: Any) -> None:
    # The home municipality is bumped by the receiver every municipality-owned
    # record has; a new organisation is active nowhere else yet.
    if not created:
        listing_changed(instance, include_home=False)


@receiver(pre_delete, sender=Organisation)
def organisation_deleted(instance: Organisation, **_kwargs: Any) -> None:
    listing_changed(instance)  # while its links still say where it was listed


# Only these links: a receiver for every many-to-many relation would turn
# off Django's fast path for adding links everywhere else.
@receiver(m2m_changed, sender=Organisation.categories.through)
@receiver(m2m_changed, sender=Organisation.districts.through)
@receiver(m2m_changed, sender=Organisation.active_in.through)
def organisation_links_changed(
    instance: Any, action: str, model: type, pk_set: set[int] | None, **_kwargs: Any
) -> None:
    if action == "pre_clear" and isinstance(instance, Organisation) and model is Municipality:
        # post_clear does not say which municipalities it was cleared from
        for municipality_id in instance.active_in.values_list("pk", flat=True):
            content_changed(municipality_id)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Organisation):
        also = set(pk_set or ()) if model is Municipality else set()
        listing_changed(instance, also=also)
    elif model is Organisation and pk_set:
        for organisation in Organisation.objects.filter(pk__in=pk_set):
            listing_changed(organisation)
