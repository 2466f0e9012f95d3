"""Drop text messages (for sites without an SMS gateway)."""

from __future__ import annotations

from dugnad.sms import SmsBackendProtocol, SmsMessage


class SmsBackend(SmsBackendProtocol):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        return 0
