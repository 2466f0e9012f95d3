"""Organisation numbers (organisasjonsnummer): nine digits with a MOD11 check digit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(value: str) -> bool:
    digits = value.replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


def invalid_number_message(value: str) -> str:
    """What a person is told about a number that fails the check (one wording
    for forms, services and the register import)."""
    return str(INVALID_NUMBER % {"value": value})


INVALID_NUMBER = _("%(value)s is not a valid organisation number (nine digits, MOD11 check digit).")


def validate_organisation_number(value: str) -> None:
    if not organisation_number_is_valid(value):
        raise ValidationError(
            INVALID_NUMBER, params={"value": value}, code="invalid_organisation_number"
        )
