"""Print text messages to standard output (development)."""

from __future__ import annotations

import sys

from dugnad.sms import SmsBackendProtocol, SmsMessage


class SmsBackend(SmsBackendProtocol):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}:\n{message.body}\n{'-' * 40}\n")
        sys.stdout.flush()
        return len(messages)
