"""Changes to the directory. Each runs in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import override

from dugnad.directory.models import Organisation, TargetGroup
from dugnad.directory.text import stems, with_compound_heads


class DirectoryError(Exception):
    """A domain error with a message for the person who caused it."""


def search_text(organisation: Organisation) -> str:
    """Everything free-text search should find the organisation by."""
    parts: list[str] = [
        organisation.name,
        organisation.description,
        organisation.purpose,
        organisation.postal_place,
    ]
    for activity in organisation.activities.all():
        parts += [activity.name, activity.description, activity.schedule, activity.place]
    parts += [d.name for d in organisation.districts.all()]
    if organisation.district is not None:
        parts.append(organisation.district.name)
    for category in organisation.categories.all():
        parts += [category.name_nb, category.name_nn, category.name_en]
    labels = dict(TargetGroup.choices)
    for language in ("nb", "nn", "en"):
        with override(language):
            parts += [str(labels[c]) for c in organisation.target_groups if c in labels]
    return with_compound_heads(" ".join(p for p in parts if p))


@transaction.atomic
def update_search_document(*, organisation: Organisation) -> None:
    """Rebuild what search reads after the organisation or its parts changed."""
    document = search_text(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_document=document, search_stems=stems(document)
    )
    organisation.search_document = document
    organisation.search_stems = stems(document)
