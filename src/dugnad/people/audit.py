"""Writing to the audit trail (what staff did to other people's data)."""

from __future__ import annotations

from typing import Any

from django.db import models

from dugnad.people.models import AuditEntry, User


def record(
    *,
    actor: User | None,
    action: str,
    municipality: Any = None,
    subject: User | None = None,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one audit entry. Call it inside the transaction of the change it records."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        municipality=municipality,
        subject=subject,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        details=details or {},
    )
