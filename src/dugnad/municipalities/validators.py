"""Validators shared by the modules."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def validate_upload_size(upload: File) -> None:
    """Refuse files larger than DUGNAD_MAX_UPLOAD_BYTES with a clear message."""
    limit: int = settings.DUGNAD_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
