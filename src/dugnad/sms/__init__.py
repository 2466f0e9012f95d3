"""Text messages (SMS) behind a pluggable backend, shaped like Django's mail API.

``send_sms(to, body)`` normalises Norwegian mobile numbers and hands the
message to the backend named by the ``DUGNAD_SMS_BACKEND`` setting:

- ``dugnad.sms.backends.console.SmsBackend`` prints messages (development),
- ``dugnad.sms.backends.locmem.SmsBackend`` keeps them in ``dugnad.sms.outbox``
  (tests, like ``django.core.mail.outbox``),
- ``dugnad.sms.backends.dummy.SmsBackend`` drops them,
- a gateway's backend (a class with ``send_messages(messages) -> int``) in
  production.

Callers queue sending through Celery where a request must not wait for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

__all__ = ["SmsMessage", "get_backend", "normalise_number", "outbox", "send_sms"]

# The locmem backend appends here; tests empty it between runs.
outbox: list[SmsMessage] = []

_NORWEGIAN_MOBILE = re.compile(r"^[49]\d{7}$")


class InvalidNumber(ValueError):
    """The text is not a mobile number we can send to."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


def normalise_number(number: str) -> str:
    """Return the number in E.164 form (``+4791234567``).

    Eight-digit Norwegian mobile numbers (starting with 4 or 9) may be written
    with spaces, dots or a ``+47``/``0047`` prefix; other countries need their
    ``+`` prefix.
    """
    digits = re.sub(r"[\s.\-()]", "", number or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("+"):
        if re.fullmatch(r"\+\d{8,15}", digits):
            return digits
        raise InvalidNumber(number)
    if _NORWEGIAN_MOBILE.match(digits):
        return "+47" + digits
    raise InvalidNumber(number)


def get_backend() -> SmsBackendProtocol:
    path = getattr(settings, "DUGNAD_SMS_BACKEND", "dugnad.sms.backends.console.SmsBackend")
    backend_class = import_string(path)
    backend: SmsBackendProtocol = backend_class()
    return backend


def send_sms(to: str, body: str) -> int:
    """Send one message; returns 1 when the backend accepted it, else 0.

    Raises ``InvalidNumber`` when ``to`` is not a mobile number.
    """
    message = SmsMessage(to=normalise_number(to), body=body)
    return get_backend().send_messages([message])


class SmsBackendProtocol:
    """What a backend offers (duck-typed; the bundled backends subclass it)."""

    def send_messages(self, messages: list[SmsMessage]) -> int:  # pragma: no cover
        raise NotImplementedError
