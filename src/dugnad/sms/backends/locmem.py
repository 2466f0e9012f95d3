"""Keep text messages in ``dugnad.sms.outbox`` (tests)."""

from __future__ import annotations

from dugnad import sms
from dugnad.sms import SmsBackendProtocol, SmsMessage


class SmsBackend(SmsBackendProtocol):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        sms.outbox.extend(messages)
        return len(messages)
